package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.limits.ChannelRateLimit;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A per-channel rate limit defers deliveries beyond it, without failing them or using attempts, in order. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ChannelRateLimitTest {
    static final Instant T0 = Instant.parse("2026-02-10T18:30:00Z");
    static final int PER_MINUTE = 5;

    final Actor alice = Actor.of("acme", "alice");

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    EngineFixture f;
    ReportsTestKit kit;
    final List<Sent> sent = new CopyOnWriteArrayList<>();

    record Sent(String destination, String executionId, Instant at) {}

    @BeforeEach
    void start() {
        f = new EngineFixture(database, artifacts);
        kit = ReportsTestKit.start(f.builder().channelRateLimit("email", ChannelRateLimit.perMinute(PER_MINUTE)), T0);
        f.email.beforeSend(d -> sent.add(new Sent(d.recipient().destination(), d.executionId(), kit.now())));
    }

    @AfterEach
    void stop() throws Exception {
        kit.close();
        f.close();
    }

    private ScheduledReport scheduleWith(String name, int recipients) {
        ScheduleRequest.Builder request = ScheduleRequest.builder()
                .name(name)
                .reportType("sales")
                .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}");
        for (int i = 0; i < recipients; i++) {
            request.recipient("email", name + i + "@acme.test");
        }
        return kit.reports().create(alice, request.build());
    }

    @Test
    void aBurstDrainsAtTheLimitWithNothingLostOrDoubledAndNoAttemptUsed() {
        int burst = 23;
        ScheduledReport s = scheduleWith("burst", burst);

        Execution run = kit.reports().runNow(alice, s.id());
        kit.runDue();
        assertThat(sent).as("sent at once").hasSize(PER_MINUTE);

        kit.advance(Duration.ofMinutes(10));

        assertThat(sent).hasSize(burst);
        assertThat(sent.stream().map(Sent::destination).distinct()).hasSize(burst);
        Map<Instant, Long> perMinute = sent.stream()
                .collect(Collectors.groupingBy(
                        x -> x.at().truncatedTo(ChronoUnit.MINUTES), TreeMap::new, Collectors.counting()));
        assertThat(perMinute.values())
                .as("sends per minute %s", perMinute)
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(PER_MINUTE));
        // 23 at 5 a minute: the current minute and four more
        assertThat(perMinute).hasSize(5);
        assertThat(sent.get(burst - 1).at())
                .isBefore(T0.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(5)));
        Execution done = kit.reports().execution(alice, run.id());
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.deliveries()).hasSize(burst).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(d.attempts()).as("deferral uses no attempt").isEqualTo(1);
        });
        assertThat(f.sql.count(f.db.tables().channelRateReservations())).isZero();
    }

    @Test
    void deliveriesThatAskLaterGoOutAfterTheWaitingOnes() {
        ScheduledReport first = scheduleWith("first", 12);
        ScheduledReport second = scheduleWith("second", 4);

        Execution a = kit.reports().runNow(alice, first.id());
        kit.runDue();
        kit.advance(Duration.ofSeconds(1));
        Execution b = kit.reports().runNow(alice, second.id());
        kit.advance(Duration.ofMinutes(5));

        assertThat(sent).hasSize(16);
        Instant lastOfFirst = sent.stream()
                .filter(x -> x.executionId().equals(a.id()))
                .map(Sent::at)
                .max(Instant::compareTo)
                .orElseThrow();
        assertThat(sent.stream().filter(x -> x.executionId().equals(b.id())))
                .hasSize(4)
                .allSatisfy(x -> assertThat(x.at()).isAfterOrEqualTo(lastOfFirst));
    }

    @Test
    void aRateLimitNeedsARegisteredChannelAndAValidRate() {
        assertThatThrownBy(() -> f.builder()
                        .channelRateLimit("fax", ChannelRateLimit.perMinute(3))
                        .build())
                .hasMessage("channelRateLimit.channel: unknown channel 'fax'; registered: [email]");
        assertThatThrownBy(() -> ChannelRateLimit.perMinute(0))
                .hasMessage("channelRateLimit.maxSends: must be 1-1000000, was 0");
        assertThatThrownBy(() -> new ChannelRateLimit(1, Duration.ofMillis(10)))
                .hasMessage("channelRateLimit.window: must be whole milliseconds between 1s and 1d, was 10ms");
    }
}
