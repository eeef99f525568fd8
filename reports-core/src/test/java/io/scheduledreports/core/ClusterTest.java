package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ExecutionEvent;
import io.scheduledreports.spi.ReportsListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several engine instances (own pools, own schedulers, real polling) on one database, 1,000 schedules due at
 * the same instant: every execution exactly once, every delivery exactly once when nothing fails.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(
        value = TestDatabase.class,
        names = {"POSTGRESQL", "MARIADB"})
class ClusterTest {

    static final int SCHEDULES = 1_000;
    static final Instant DUE = Instant.parse("2026-03-02T09:00:00Z");

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    /** A clock that reads {@code at} now and runs in real time from there. */
    static Clock clockAt(Instant at) {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), at));
    }

    @ParameterizedTest(name = "{0} instances")
    @ValueSource(ints = {2, 3})
    void everyDueScheduleRunsExactlyOnceAcrossInstances(int instances) throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts)) {
            Quotas unlimited = Quotas.builder()
                    .maxSchedulesPerOwner(100_000)
                    .maxSchedulesPerTenant(100_000)
                    .build();
            Actor alice = Actor.of("acme", "alice");
            long t0 = System.nanoTime();
            try (ScheduledReports setup = f.builder()
                    .quotas(unlimited)
                    .clock(clockAt(DUE.minus(Duration.ofHours(2))))
                    .build()) {
                setup.start();
                for (int i = 0; i < SCHEDULES; i++) {
                    setup.create(
                            alice,
                            ScheduleRequest.builder()
                                    .name("report " + i)
                                    .reportType("sales")
                                    .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                                    .recipient("email", "user" + i + "@acme.test")
                                    .build());
                }
            }

            long created = System.nanoTime();
            Map<String, AtomicInteger> startedBy = new ConcurrentHashMap<>();
            List<ScheduledReports> cluster = new ArrayList<>();
            List<HikariDataSource> pools = new ArrayList<>();
            try {
                Clock clock = clockAt(DUE.minusSeconds(2));
                for (int i = 0; i < instances; i++) {
                    String name = "node-" + i;
                    HikariDataSource pool = f.db.newPool(10);
                    pools.add(pool);
                    ScheduledReports node = f.builder(pool)
                            .quotas(unlimited)
                            .clock(clock)
                            .instanceName(name)
                            .workerThreads(8)
                            .polling(PollingSettings.builder()
                                    .pollingInterval(Duration.ofMillis(200))
                                    .build())
                            .listener(new ReportsListener() {
                                @Override
                                public void executionStarted(ExecutionEvent event) {
                                    startedBy
                                            .computeIfAbsent(name, k -> new AtomicInteger())
                                            .incrementAndGet();
                                }
                            })
                            .build();
                    cluster.add(node);
                }
                cluster.forEach(ScheduledReports::start);
                long started = System.nanoTime();

                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (f.sql.count(f.db.tables().executions(), "status = 'SUCCEEDED'") < SCHEDULES
                        && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                System.out.printf(
                        "%s, %d instances: created %d schedules in %d ms; all delivered %d ms after start"
                                + " (due 2 s after start)%n",
                        database,
                        instances,
                        SCHEDULES,
                        (created - t0) / 1_000_000,
                        (System.nanoTime() - started) / 1_000_000);
                assertThat(f.sql.count(f.db.tables().executions(), "status = 'SUCCEEDED'"))
                        .as("succeeded executions")
                        .isEqualTo(SCHEDULES);
            } finally {
                cluster.forEach(ScheduledReports::close);
                pools.forEach(HikariDataSource::close);
            }

            var t = f.db.tables();
            assertThat(f.sql.count(t.executions())).as("executions in all").isEqualTo(SCHEDULES);
            assertThat(f.sql.count(t.executions(), "scheduled_for IS NOT NULL AND attempt = 1"))
                    .isEqualTo(SCHEDULES);
            assertThat(f.sql.strings("SELECT DISTINCT schedule_id FROM " + t.executions()))
                    .hasSize(SCHEDULES);
            assertThat(f.sql.count(t.deliveries(), "status = 'SENT' AND attempts = 1"))
                    .isEqualTo(SCHEDULES);
            RecordingChannel email = f.email;
            assertThat(email.received()).hasSize(SCHEDULES);
            assertThat(email.received().stream()
                            .map(RecordingChannel.Received::idempotencyKey)
                            .collect(Collectors.toSet()))
                    .hasSize(SCHEDULES);
            assertThat(f.sales.generations).hasValue(SCHEDULES);
            int total = startedBy.values().stream().mapToInt(AtomicInteger::get).sum();
            assertThat(total).isEqualTo(SCHEDULES);
            System.out.printf("%s, %d instances: generations per instance %s%n", database, instances, startedBy);
        }
    }
}
