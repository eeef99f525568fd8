package io.scheduledreports.benchmarks.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.benchmarks.harness.Args;
import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.benchmarks.harness.Macro;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every macro benchmark with tiny sizes against the local PostgreSQL (and dispatch on the local MariaDB), so that
 * they keep working: each finishes, its own checks pass (every item ran exactly once), and it writes its JSON (and
 * the dispatch chart). Skipped when a database is unreachable, unless {@code REPORTS_TEST_REQUIRE_DB=true}.
 */
class MacroSmokeTest {

    private static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";

    @TempDir
    Path results;

    @BeforeAll
    static void needsPostgres() {
        String reason = BenchDatabase.from(Args.parse()).unreachableReason();
        if (reason != null) {
            if (Boolean.parseBoolean(System.getenv("REPORTS_TEST_REQUIRE_DB"))) {
                Assertions.fail(reason + " (REPORTS_TEST_REQUIRE_DB=true)");
            }
            Assumptions.abort(reason);
        }
    }

    private Object run(String benchmark, String... options) throws Exception {
        Args args = Args.parse(Stream.concat(Stream.of("--results-dir=" + results), Stream.of(options))
                .toArray(String[]::new));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            return Macro.run(benchmark, args, out);
        } finally {
            System.out.print(buffer.toString(StandardCharsets.UTF_8));
        }
    }

    private List<String> written() throws Exception {
        try (Stream<Path> files = Files.list(results)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void dispatchRunsEverySystemAndEveryItemOnce() throws Exception {
        var report = (DispatchBenchmark.Report)
                run("dispatch", "--schedules=20", "--warmup=4", "--instances=1", "--repeat=1", "--fork=false");

        assertThat(report.trials())
                .extracting(DispatchBenchmark.Trial::system)
                .containsExactly("engine", "db-scheduler", "quartz", "jobrunr");
        for (DispatchBenchmark.Trial t : report.trials()) {
            assertThat(t.verification()).as(t.system()).containsEntry("ok", true);
            assertThat(t.summary().count()).as(t.system()).isEqualTo(20);
            assertThat(t.summary().perSecond()).as(t.system()).isPositive();
        }
        assertThat(report.ratios()).containsKeys("engineVsDbScheduler", "engineVsQuartz", "engineVsJobRunr");
        assertThat(written()).anyMatch(f -> f.matches("dispatch-throughput-\\d{4}-\\d\\d-\\d\\d\\.json"));
        assertThat(written()).anyMatch(f -> f.matches("dispatch-throughput-\\d{4}-\\d\\d-\\d\\d\\.png"));
    }

    @Test
    void dispatchRunsInstancesInChildJvmsAndCountsRoundTrips() throws Exception {
        var report = (DispatchBenchmark.Report) run(
                "dispatch",
                "--schedules=20",
                "--warmup=2",
                "--instances=2",
                "--repeat=1",
                "--systems=engine",
                "--count-round-trips",
                "--chart=false");

        DispatchBenchmark.Trial trial = report.trials().getFirst();
        assertThat(trial.verification()).containsEntry("ok", true);
        assertThat(trial.perInstance()).containsOnlyKeys("node-0", "node-1");
        assertThat(trial.perInstance().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(20);
        @SuppressWarnings("unchecked")
        Map<String, Object> node = (Map<String, Object>) trial.instanceInfo().get("node-0");
        assertThat(((Number) node.get("roundTrips")).longValue()).isPositive();
    }

    private static void requireMariaDb() {
        BenchDatabase mariaDb = BenchDatabase.from(Args.parse("--jdbc-url=" + MARIADB_URL));
        String reason = mariaDb.unreachableReason();
        if (reason != null) {
            if (Boolean.parseBoolean(System.getenv("REPORTS_TEST_REQUIRE_DB"))) {
                Assertions.fail(reason + " (REPORTS_TEST_REQUIRE_DB=true)");
            }
            Assumptions.abort(reason);
        }
    }

    @Test
    void dispatchRunsOnMariaDb() throws Exception {
        requireMariaDb();
        var report = (DispatchBenchmark.Report) run(
                "dispatch",
                "--jdbc-url=" + MARIADB_URL,
                "--schedules=10",
                "--warmup=2",
                "--instances=1",
                "--repeat=1",
                "--fork=false",
                "--systems=engine,db-scheduler,quartz");

        assertThat(report.settings()).containsEntry("database", "mariadb");
        assertThat(report.trials()).hasSize(3).allSatisfy(t -> {
            assertThat(t.verification()).as(t.system()).containsEntry("ok", true);
            assertThat(t.summary().count()).as(t.system()).isEqualTo(10);
        });
        assertThat(written()).anyMatch(f -> f.startsWith("dispatch-throughput-mariadb-"));
    }

    @Test
    void scaleFiresTheDueMinuteOnlyAndExplainsThePolling() throws Exception {
        var report = (ScaleBenchmark.Report) run(
                "scale",
                "--schedules=40",
                "--due=15",
                "--paused=10",
                "--templates=4",
                "--verify-clones=3",
                "--create-threads=4",
                "--polling-ms=500",
                "--explain-idle-s=2",
                "--lead-s=2");

        // 4 templates per group through the API, the rest cloned in SQL: 11 of the 15 due ones fire as clones
        assertThat(report.verification())
                .containsEntry("ok", true)
                .containsEntry("clonedDueSchedules", 11)
                .containsEntry("clonedDueSchedulesFired", 11L);
        assertThat(report.settings().get("seeded").toString())
                .contains("cloned={", "due=11", "notDue=21", "paused=6")
                .contains("clonesVerified=9");
        assertThat(report.fire().count()).isEqualTo(15);
        assertThat(report.delivered().count()).isEqualTo(15);
        assertThat(report.fire().p99Ms()).isLessThanOrEqualTo(report.fire().maxMs());
        assertThat(report.pollingPlans())
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.plan()).anyMatch(l -> l.startsWith("Execution Time")));
        assertThat(written()).anyMatch(f -> f.startsWith("scale-"));
    }

    @Test
    void scaleSeedsInBulkOnMariaDb() throws Exception {
        requireMariaDb();
        var report = (ScaleBenchmark.Report) run(
                "scale",
                "--jdbc-url=" + MARIADB_URL,
                "--schedules=30",
                "--due=10",
                "--paused=5",
                "--templates=3",
                "--verify-clones=2",
                "--clone-batch=4",
                "--create-threads=2",
                "--seed-only");

        // the clones' rows and get/list are compared with their templates' while seeding; a difference throws
        assertThat(report.verification())
                .containsEntry("clonesVerified", 6)
                .containsEntry("cloned", Map.of("due", 7, "notDue", 17, "paused", 2));
        assertThat(written()).anyMatch(f -> f.startsWith("scale-seeding-mariadb-"));
    }

    @Test
    void emailBurstDeliversEveryReportToTheSmtpServer() throws Exception {
        var report = (EmailBurstBenchmark.Report) run("email", "--schedules=20", "--lead-s=2");

        assertThat(report.verification()).containsEntry("ok", true);
        assertThat(report.messagesReceived()).isEqualTo(20);
        assertThat(report.delivered().lastMs()).isPositive();
        assertThat(written()).anyMatch(f -> f.startsWith("email-burst-"));
    }

    @Test
    void fairnessMeasuresTheOtherTenantsStartLatency() throws Exception {
        var report = (FairnessBenchmark.Report)
                run("fairness", "--flood=30", "--samples=2", "--sample-gap-ms=50", "--work-ms=20", "--polling-ms=500");

        FairnessBenchmark.Run r = report.runs().getFirst();
        assertThat(r.latenciesMs()).hasSize(2).allMatch(ms -> ms >= 0);
        assertThat(r.maxConcurrentOfA()).isBetween(1, 2);
        assertThat(r.floodDone()).isEqualTo(30);
        assertThat(r.floodIdealMs()).isGreaterThanOrEqualTo(15 * 20);
        assertThat(r.floodVsIdealPercent()).isEqualTo(100.0 * r.floodMs() / r.floodIdealMs());
        assertThat(written()).anyMatch(f -> f.startsWith("fairness-"));
    }

    @Test
    void largeReportRunsThroughThePipelineInASmallHeap() throws Exception {
        var report = (LargeReportBenchmark.Report) run("large", "--rows=20000", "--formats=csv,xlsx");

        assertThat(report.runs()).hasSize(2).allSatisfy(r -> {
            assertThat(r).containsEntry("status", "SUCCEEDED").containsEntry("rows", 20_000);
            assertThat(((Number) r.get("bytesReadByChannel")).longValue())
                    .isEqualTo(((Number) r.get("artifactBytes")).longValue());
            assertThat(((Number) r.get("maxHeapMb")).longValue()).isLessThanOrEqualTo(64);
        });
        assertThat(written()).anyMatch(f -> f.startsWith("large-report-"));
    }

    @Test
    void largeReportComparesTheLocalStoreWithS3InTheSameRun() throws Exception {
        // ~7 MB of CSV: more than one 5 MiB part, so the S3 run goes through a multipart upload.
        var report = (LargeReportBenchmark.Report) run("large", "--rows=60000", "--formats=csv", "--store=both");

        assertThat(report.settings()).containsEntry("stores", List.of("local", "s3"));
        assertThat(report.runs()).extracting(r -> r.get("store")).containsExactly("local", "s3");
        assertThat(report.runs()).allSatisfy(r -> {
            assertThat(r).containsEntry("status", "SUCCEEDED").containsEntry("rows", 60_000);
            assertThat(((Number) r.get("artifactBytes")).longValue()).isGreaterThan(5L * 1024 * 1024);
            assertThat(((Number) r.get("bytesReadByChannel")).longValue())
                    .isEqualTo(((Number) r.get("artifactBytes")).longValue());
            assertThat(((Number) r.get("maxHeapMb")).longValue()).isLessThanOrEqualTo(64);
            assertThat(((Number) r.get("rowsPerSecond")).doubleValue()).isPositive();
        });
        assertThat(report.runs().get(1)).containsEntry("partSizeBytes", 5 * 1024 * 1024);
    }
}
