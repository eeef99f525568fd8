package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The one factory vocabulary of configuration objects: {@code ofDefaults()}, {@code builder()} starting from the
 * defaults, and {@code toBuilder()} starting from an instance, which changes one setting and keeps the others.
 */
class ConfigurationFactoriesTest {

    @Test
    void retryPolicyToBuilderKeepsEverySettingButTheOneChanged() {
        RetryPolicy base = RetryPolicy.builder()
                .maxAttempts(7)
                .backoff(Duration.ofSeconds(3), Duration.ofSeconds(9))
                .jitter(0.5)
                .nonRetryable(ErrorCategory.DATA)
                .build();

        RetryPolicy changed = base.toBuilder().maxAttempts(2).build();

        assertThat(changed.maxAttempts()).isEqualTo(2);
        assertThat(changed.backoff()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(9));
        assertThat(changed.jitter()).isEqualTo(0.5);
        assertThat(changed.nonRetryable()).containsExactly(ErrorCategory.DATA);
        assertThat(base.maxAttempts()).as("the base is immutable").isEqualTo(7);
    }

    @Test
    void retryPolicyToBuilderKeepsAnEmptyNonRetryableSet() {
        RetryPolicy everythingRetried = RetryPolicy.builder().nonRetryable().build();

        assertThat(everythingRetried.toBuilder().jitter(0).build().nonRetryable())
                .isEmpty();
    }

    @Test
    void retryPolicyBuilderStartsFromTheDefaults() {
        RetryPolicy built = RetryPolicy.builder().build();

        assertThat(built.maxAttempts()).isEqualTo(RetryPolicy.ofDefaults().maxAttempts());
        assertThat(built.backoff()).isEqualTo(RetryPolicy.DEFAULT_BACKOFF);
        assertThat(built.nonRetryable()).isEqualTo(RetryPolicy.DEFAULT_NON_RETRYABLE);
    }

    @Test
    void quotasToBuilderKeepsDefaultsAndTenantLimits() {
        Quotas.Limits acme = new Quotas.Limits(1, 2, Duration.ofMinutes(30), 3);
        Quotas base = Quotas.builder().maxRecipients(7).tenant("acme", acme).build();

        Quotas changed = base.toBuilder().maxSchedulesPerOwner(4).build();

        assertThat(changed.forTenant("acme")).isEqualTo(acme);
        assertThat(changed.forTenant("other"))
                .isEqualTo(
                        new Quotas.Limits(4, Quotas.DEFAULT_MAX_SCHEDULES_PER_TENANT, Quotas.DEFAULT_MIN_INTERVAL, 7));
        assertThat(base.forTenant("other").maxSchedulesPerOwner())
                .as("the base is immutable")
                .isEqualTo(Quotas.DEFAULT_MAX_SCHEDULES_PER_OWNER);
    }

    @Test
    void quotasToBuilderDoesNotShareTenantsWithTheBase() {
        Quotas base = Quotas.builder().build();

        base.toBuilder()
                .tenant("acme", new Quotas.Limits(1, 1, Duration.ZERO, 1))
                .build();

        assertThat(base.forTenant("acme")).isEqualTo(Quotas.ofDefaults().forTenant("acme"));
    }

    @Test
    void pollingSettingsBuilderStartsFromTheDefaultsAndToBuilderFromTheInstance() {
        PollingSettings fast = PollingSettings.builder()
                .pollingInterval(Duration.ofMillis(100))
                .build();

        assertThat(fast)
                .isEqualTo(new PollingSettings(
                        Duration.ofMillis(100),
                        PollingSettings.DEFAULT_HEARTBEAT_INTERVAL,
                        PollingSettings.DEFAULT_MISSED_HEARTBEATS));
        assertThat(fast.toBuilder().missedHeartbeatsLimit(4).build())
                .isEqualTo(new PollingSettings(Duration.ofMillis(100), PollingSettings.DEFAULT_HEARTBEAT_INTERVAL, 4));
        assertThat(PollingSettings.builder().build()).isEqualTo(PollingSettings.ofDefaults());
    }

    @Test
    void pollingSettingsConstructorChecksTheSameRangesAsTheBuilder() {
        assertThatThrownBy(() -> new PollingSettings(Duration.ofMillis(49), Duration.ofSeconds(5), 6))
                .isInstanceOfSatisfying(
                        ReportsValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("pollingInterval"))
                .hasMessage("pollingInterval: must be between 50ms and 1h, was 49ms");
        assertThatThrownBy(() -> new PollingSettings(Duration.ofSeconds(1), null, 6))
                .hasMessage("heartbeatInterval: must be between 100ms and 1h, was null");
        assertThatThrownBy(() -> new PollingSettings(Duration.ofSeconds(1), Duration.ofSeconds(5), 3))
                .hasMessage("missedHeartbeatsLimit: must be 4-100, was 3");
    }

    @Test
    void deadLetterPolicyBuilderStartsFromTheDefaultsAndToBuilderFromTheInstance() {
        DeadLetterPolicy small = DeadLetterPolicy.builder().cap(50).build();

        assertThat(small).isEqualTo(new DeadLetterPolicy(50, DeadLetterPolicy.DEFAULT_ALERT_THRESHOLD));
        assertThat(small.toBuilder().alertThreshold(5).build()).isEqualTo(new DeadLetterPolicy(50, 5));
        assertThat(DeadLetterPolicy.builder().build()).isEqualTo(DeadLetterPolicy.ofDefaults());
        assertThat(DeadLetterPolicy.ofDefaults()).isEqualTo(new DeadLetterPolicy(1_000, 100));
    }

    @Test
    void deadLetterPolicyConstructorChecksTheSameRangesAsTheBuilder() {
        assertThatThrownBy(() -> new DeadLetterPolicy(9, 100))
                .isInstanceOfSatisfying(
                        ReportsValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("deadLetterCap"))
                .hasMessage("deadLetterCap: must be 10-1000000, was 9");
        assertThatThrownBy(() -> new DeadLetterPolicy(1_000, 1_000_001))
                .hasMessage("deadLetterAlertThreshold: must be 1-1000000, was 1000001");
    }
}
