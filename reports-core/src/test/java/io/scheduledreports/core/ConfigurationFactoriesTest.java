package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.spi.ErrorCategory;
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
}
