package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.core.fixtures.SalesReport;
import io.scheduledreports.core.limits.ChannelRateLimit;
import io.scheduledreports.core.limits.InMemoryTenantLimiter;
import io.scheduledreports.core.limits.TenantLimits;
import io.scheduledreports.spi.ReportsValidationException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One case per range rule and per conflict of {@link ScheduledReports.Builder}: every setting is checked when it is
 * given and names itself in the message; alternatives (two setters for one setting) are refused instead of the last
 * call winning.
 */
class ScheduledReportsBuilderTest {

    @TempDir
    Path dir;

    private static ScheduledReports.Builder builder() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:builder-test;DB_CLOSE_DELAY=-1");
        return ScheduledReports.builder(ds);
    }

    private static void refused(Consumer<ScheduledReports.Builder> setting, String field, String message) {
        assertThatThrownBy(() -> setting.accept(builder()))
                .isInstanceOfSatisfying(
                        ReportsValidationException.class,
                        e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @Test
    void refusesANullDataSource() {
        assertThatThrownBy(() -> ScheduledReports.builder(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("dataSource");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 257, -1})
    void workerThreadsMustBe1To256(int threads) {
        refused(b -> b.workerThreads(threads), "workerThreads", "must be 1-256, was " + threads);
    }

    private static Consumer<ScheduledReports.Builder> polling(Consumer<PollingSettings.Builder> setting) {
        return b -> {
            PollingSettings.Builder polling = PollingSettings.builder();
            setting.accept(polling);
            b.polling(polling.build());
        };
    }

    private static Consumer<ScheduledReports.Builder> deadLetters(Consumer<DeadLetterPolicy.Builder> setting) {
        return b -> {
            DeadLetterPolicy.Builder deadLetters = DeadLetterPolicy.builder();
            setting.accept(deadLetters);
            b.deadLetters(deadLetters.build());
        };
    }

    @Test
    void pollingIntervalMustBe50msTo1h() {
        refused(
                polling(p -> p.pollingInterval(Duration.ofMillis(49))),
                "pollingInterval",
                "between 50ms and 1h, was 49ms");
        refused(polling(p -> p.pollingInterval(Duration.ofMinutes(61))), "pollingInterval", "was 1h1m");
        refused(polling(p -> p.pollingInterval(null)), "pollingInterval", "was null");
    }

    @Test
    void heartbeatIntervalMustBe100msTo1h() {
        refused(polling(p -> p.heartbeatInterval(Duration.ofMillis(99))), "heartbeatInterval", "between 100ms and 1h");
    }

    @Test
    void missedHeartbeatsLimitMustBe4To100() {
        refused(polling(p -> p.missedHeartbeatsLimit(3)), "missedHeartbeatsLimit", "must be 4-100, was 3");
        refused(polling(p -> p.missedHeartbeatsLimit(101)), "missedHeartbeatsLimit", "was 101");
    }

    @Test
    void pollingAndDeadLettersMustNotBeNull() {
        assertThatThrownBy(() -> builder().polling(null)).hasMessage("polling");
        assertThatThrownBy(() -> builder().deadLetters(null)).hasMessage("deadLetters");
    }

    @Test
    void instanceNameMustBe1To50Characters() {
        refused(b -> b.instanceName(" "), "instanceName", "must be 1-50 characters");
        refused(b -> b.instanceName("x".repeat(51)), "instanceName", "must be 1-50 characters");
    }

    @Test
    void timeoutsAndDelaysHaveRanges() {
        refused(b -> b.generationTimeout(Duration.ofMillis(999)), "generationTimeout", "between 1s and 1d, was 999ms");
        refused(b -> b.maxGenerationTimeout(Duration.ofHours(25)), "maxGenerationTimeout", "was 1d1h");
        refused(b -> b.misfireThreshold(Duration.ZERO), "misfireThreshold", "was 0s");
        refused(b -> b.deferDelay(Duration.ofMillis(9)), "deferDelay", "between 10ms and 10m");
    }

    @Test
    void countsHaveRanges() {
        refused(b -> b.maxCatchUpRuns(0), "maxCatchUpRuns", "must be 1-1000, was 0");
        refused(deadLetters(d -> d.cap(9)), "deadLetterCap", "must be 10-1000000, was 9");
        refused(deadLetters(d -> d.alertThreshold(0)), "deadLetterAlertThreshold", "must be 1-1000000, was 0");
    }

    @Test
    void theDefaultGenerationTimeoutMayNotExceedTheMaximum() {
        ScheduledReports.Builder b =
                builder().generationTimeout(Duration.ofHours(3)).maxGenerationTimeout(Duration.ofHours(2));
        assertThatThrownBy(b::build)
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("generationTimeout: must not exceed maxGenerationTimeout (2h), was 3h");
    }

    @Test
    void tenantLimitsAndTenantLimiterAreAlternatives() {
        InMemoryTenantLimiter limiter = new InMemoryTenantLimiter(TenantLimits.of(2), Clock.systemUTC());
        refused(
                b -> b.tenantLimits(TenantLimits.of(2)).tenantLimiter(limiter),
                "tenantLimiter",
                "conflicts with tenantLimits(..) set earlier");
        refused(
                b -> b.tenantLimiter(limiter).tenantLimits(TenantLimits.of(2)),
                "tenantLimits",
                "conflicts with tenantLimiter(..) set earlier");
    }

    @Test
    void theSameSetterGivenAgainReplacesTheValue() {
        ScheduledReports.Builder b = builder()
                .workerThreads(4)
                .workerThreads(8)
                .artifactDirectory(dir.resolve("a"))
                .artifactStore(new io.scheduledreports.core.artifact.LocalDirectoryArtifactStore(dir.resolve("b")))
                .clock(Clock.systemUTC())
                .clock(Clock.systemUTC());
        assertThat(b).isNotNull();
    }

    @Test
    void theClockAndTheTestKitsManualClockAreAlternatives() {
        assertThatThrownBy(() -> ReportsTestKit.start(builder().clock(Clock.systemUTC()), java.time.Instant.EPOCH))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageContaining("manualScheduling: conflicts with clock(..) set earlier");
    }

    @Test
    void aRefusedValueDoesNotCountAsGiven() {
        ScheduledReports.Builder b = builder();
        InMemoryTenantLimiter limiter = new InMemoryTenantLimiter(TenantLimits.of(2), Clock.systemUTC());
        assertThatThrownBy(() -> b.tenantLimits(null)).isInstanceOf(NullPointerException.class);
        assertThat(b.tenantLimiter(limiter)).isSameAs(b);
    }

    @Test
    void idsAreRegisteredOnce() {
        refused(
                b -> b.reportType(new SalesReport()).reportType(new SalesReport()),
                "report type.id",
                "'sales' is registered twice");
        refused(
                b -> b.channel(new RecordingChannel("email")).channel(new RecordingChannel("email")),
                "channel.id",
                "'email' is registered twice");
    }

    @Test
    void aChannelRateLimitNeedsARegisteredChannelOnce() {
        refused(
                b -> b.channelRateLimit("email", ChannelRateLimit.perMinute(5))
                        .channelRateLimit("email", ChannelRateLimit.perMinute(6)),
                "channelRateLimit.channel",
                "'email' has a rate limit already");
        ScheduledReports.Builder b = builder().channelRateLimit("webhook", ChannelRateLimit.perMinute(5));
        assertThatThrownBy(b::build)
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageContaining("unknown channel 'webhook'");
    }

    @Test
    void configurationObjectsNameTheirFieldAndPrintDurationsAsTyped() {
        assertThatThrownBy(() -> new ManualRunLimits(Duration.ofHours(25), 10))
                .hasMessage("manualRuns.cooldown: must be between 0s and 24h, was 1d1h");
        assertThatThrownBy(() -> RetentionPolicy.ofDefaults().withArtifactRetention(Duration.ofMinutes(30)))
                .hasMessageContaining("must be between 1h and 3653d (10 years), was 30m");
    }
}
