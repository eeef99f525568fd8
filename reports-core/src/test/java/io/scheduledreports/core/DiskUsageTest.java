package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.jdbc.ReportsSchema;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Disk usage of the local artifact store: bytes kept per tenant and schedule match the files on disk, the
 * estimate of the next 24 hours is the average file size per schedule times its runs, shorter retentions are
 * priced, and exactly one sample per UTC day is kept (90 days), also when instances race for it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class DiskUsageTest {

    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    static final String DAILY = "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}";
    static final String HOURLY = "{\"cadence\":\"cron\",\"cron_expression\":\"30 * * * *\",\"timezone\":\"UTC\"}";

    final Actor alice = Actor.of("acme", "alice", Actor.CREATOR);
    final Actor bob = Actor.of("globex", "bob", Actor.CREATOR);

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    EngineFixture f;
    ReportsTestKit kit;
    final List<AutoCloseable> closeLater = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        if (kit != null) {
            kit.close();
        }
        if (f != null) {
            f.close();
        }
    }

    ScheduledReport daily(ScheduledReports reports, Actor owner, String name) {
        return schedule(reports, owner, name, DAILY);
    }

    ScheduledReport schedule(ScheduledReports reports, Actor owner, String name, String spec) {
        return reports.create(
                owner,
                ScheduleRequest.builder()
                        .name(name)
                        .reportType("sales")
                        .schedule(spec)
                        .recipient("email", owner.userId() + "@" + owner.tenantId() + ".test")
                        .build());
    }

    long bytesOnDisk() throws IOException {
        try (Stream<Path> s = Files.walk(artifacts)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .sum();
        }
    }

    long storedBytes(ScheduledReports reports, Actor actor, String scheduleId) {
        return reports.executions(actor, scheduleId, PageRequest.of(0, 100)).items().stream()
                .filter(e -> e.artifact() != null)
                .mapToLong(e -> e.artifact().size())
                .sum();
    }

    /** Runs each day's 09:00 run, after the clock stopped at 08:58 first (so the maintenance runs before it). */
    void runDays(int days) {
        Instant day = T0.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        for (int d = 0; d < days; d++) {
            kit.setTimeWithoutRunning(
                    day.plus(Duration.ofDays(d)).plus(Duration.ofHours(8).plusMinutes(58)));
            kit.advanceTo(day.plus(Duration.ofDays(d)).plus(Duration.ofHours(9).plusMinutes(1)));
        }
    }

    @Test
    void bytesPerTenantAndScheduleMatchTheFilesAndTheEstimateIsAverageSizeTimesUpcomingRuns() throws Exception {
        f = new EngineFixture(database, artifacts);
        f.sales.rows(40);
        kit = ReportsTestKit.start(f.builder(), T0);
        ScheduledReports reports = kit.reports();
        ScheduledReport a = daily(reports, alice, "Acme daily");
        ScheduledReport g = daily(reports, bob, "Globex daily");

        runDays(3);

        long acme = storedBytes(reports, alice, a.id());
        long globex = storedBytes(reports, bob, g.id());
        assertThat(acme).isPositive();
        DiskUsage all = reports.admin().diskUsage(null);
        assertThat(all.artifactBytes())
                .as("what the rows record is what is on disk")
                .isEqualTo(bytesOnDisk());
        assertThat(all.artifactBytes()).isEqualTo(acme + globex);
        assertThat(all.artifactFiles()).isEqualTo(6);
        assertThat(all.bytesByTenant())
                .containsExactly(java.util.Map.entry("globex", globex), java.util.Map.entry("acme", acme));
        assertThat(reports.admin().storedBytesByTenant(null)).isEqualTo(all.bytesByTenant());
        assertThat(all.largestConsumers())
                .extracting(DiskUsage.ScheduleUsage::scheduleId, DiskUsage.ScheduleUsage::bytes)
                .as("the longer tenant id makes every row of globex's files longer")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(g.id(), globex),
                        org.assertj.core.groups.Tuple.tuple(a.id(), acme));
        assertThat(all.largestConsumers().get(0).name()).isEqualTo("Globex daily");
        assertThat(all.freeBytes()).as("a local directory knows its free space").isPositive();
        assertThat(all.totalBytes()).isGreaterThanOrEqualTo(all.freeBytes());

        // next 24 h from 09:01: each daily schedule runs once more, at its own average size
        assertThat(all.next24h()).isEqualTo(new DiskUsage.Estimate(acme / 3 + globex / 3, 2, 2, 0));

        // an hourly schedule without files of its own counts 24 runs at its tenant's average size
        ScheduledReport h = schedule(reports, alice, "Acme hourly", HOURLY);
        DiskUsage withHourly = reports.admin().diskUsage(null);
        assertThat(withHourly.next24h()).isEqualTo(new DiskUsage.Estimate(acme / 3 * 25 + globex / 3, 26, 3, 1));
        assertThat(reports.admin().diskUsage("globex").next24h())
                .as("scoped to one tenant")
                .isEqualTo(new DiskUsage.Estimate(globex / 3, 1, 1, 0));
        DiskUsage acmeOnly = reports.admin().diskUsage("acme");
        assertThat(acmeOnly.artifactBytes()).isEqualTo(acme);
        assertThat(acmeOnly.bytesByTenant()).containsOnlyKeys("acme");
        assertThat(acmeOnly.largestConsumers())
                .extracting(DiskUsage.ScheduleUsage::tenantId)
                .containsOnly("acme");

        // paused schedules need no space
        reports.pause(alice, h.id());
        assertThat(reports.admin().diskUsage(null).next24h().runs()).isEqualTo(2);
    }

    @Test
    void shorterRetentionsArePricedByTheFilesOlderThanThem() {
        f = new EngineFixture(database, artifacts);
        kit = ReportsTestKit.start(f.builder(), T0);
        ScheduledReports reports = kit.reports();
        ScheduledReport a = daily(reports, alice, "Acme daily");
        runDays(3); // files of 03-01, 03-02, 03-03 at 09:00

        long perFile = storedBytes(reports, alice, a.id()) / 3;
        kit.setTimeWithoutRunning(Instant.parse("2026-03-09T09:00:30Z"));
        DiskUsage usage = reports.admin().diskUsage(null);
        assertThat(usage.retentionOptions())
                .as("default retention 90 days: 60, 30, 14 and 7 days offered")
                .containsExactly(
                        new DiskUsage.RetentionOption(Duration.ofDays(60), 0, 0),
                        new DiskUsage.RetentionOption(Duration.ofDays(30), 0, 0),
                        new DiskUsage.RetentionOption(Duration.ofDays(14), 0, 0),
                        new DiskUsage.RetentionOption(Duration.ofDays(7), 2 * perFile, 2));
    }

    @Test
    void oneSamplePerDayIsKeptFor90DaysAndShowsTheTrend() {
        f = new EngineFixture(database, artifacts);
        kit = ReportsTestKit.start(f.builder(), T0);
        ScheduledReports reports = kit.reports();
        ScheduledReport a = daily(reports, alice, "Acme daily");
        runDays(3);
        long perFile = storedBytes(reports, alice, a.id()) / 3;

        List<DiskSample> trend = reports.admin().diskTrend(90);
        assertThat(trend)
                .extracting(DiskSample::day)
                .containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3));
        assertThat(trend)
                .as("each day's first maintenance run measured it, before that day's run")
                .extracting(DiskSample::artifactBytes)
                .containsExactly(0L, perFile, 2 * perFile);
        assertThat(trend).allSatisfy(s -> {
            assertThat(s.freeBytes()).isPositive();
            assertThat(s.totalBytes()).isGreaterThanOrEqualTo(s.freeBytes());
            assertThat(s.instance()).isNotBlank();
        });
        assertThat(trend.get(1).sampledAt()).isEqualTo(Instant.parse("2026-03-02T08:58:00Z"));
        assertThat(f.sql.count(f.db.tables().diskSamples())).isEqualTo(3);
        assertThat(reports.admin().diskTrend(1)).extracting(DiskSample::day).containsExactly(LocalDate.of(2026, 3, 3));

        // 90 days after the last sample, the three old ones are gone
        kit.setTimeWithoutRunning(Instant.parse("2026-06-01T08:58:00Z"));
        kit.advance(Duration.ofMinutes(2));
        assertThat(reports.admin().diskTrend(90)).extracting(DiskSample::day).containsExactly(LocalDate.of(2026, 6, 1));
        assertThat(f.sql.count(f.db.tables().diskSamples())).isEqualTo(1);

        assertThatThrownBy(() -> reports.admin().diskTrend(91))
                .isInstanceOfSatisfying(
                        ReportsValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("days"))
                .hasMessageContaining("must be 1-90, was 91");
    }

    @Test
    void instancesRacingForTheDaysSampleRecordExactlyOne() throws Exception {
        f = new EngineFixture(database, artifacts);
        ReportsSchema.of(f.db.dataSource(), f.db.tables()).migrate();
        int instances = 4;
        List<ScheduledReports> cluster = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            var pool = f.db.newPool(2);
            closeLater.add(pool);
            ScheduledReports node = f.builder(pool)
                    .clock(Clock.fixed(T0, ZoneOffset.UTC))
                    .instanceName("node-" + i)
                    .build();
            closeLater.add(0, node);
            cluster.add(node);
        }
        CyclicBarrier together = new CyclicBarrier(instances);
        ExecutorService threads = Executors.newFixedThreadPool(instances);
        try {
            List<Future<Boolean>> recorded = new ArrayList<>();
            for (ScheduledReports node : cluster) {
                recorded.add(threads.submit(() -> {
                    together.await();
                    return node.engine().disk().sampleIfDue();
                }));
            }
            int winners = 0;
            for (Future<Boolean> r : recorded) {
                winners += r.get() ? 1 : 0;
            }
            assertThat(winners).as("exactly one instance records the day").isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(f.sql.count(f.db.tables().diskSamples())).isEqualTo(1);
        assertThat(cluster.get(0).engine().disk().sampleIfDue())
                .as("asked again the same day")
                .isFalse();
        assertThat(f.sql.count(f.db.tables().diskSamples())).isEqualTo(1);
    }
}
