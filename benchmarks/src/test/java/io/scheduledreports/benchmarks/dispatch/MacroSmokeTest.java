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
 * Every macro benchmark with tiny sizes against the local PostgreSQL, so that they keep working: each finishes,
 * its own checks pass (every item ran exactly once), and it writes its JSON (and the dispatch chart). Skipped when
 * PostgreSQL is unreachable, unless {@code REPORTS_TEST_REQUIRE_DB=true}.
 */
class MacroSmokeTest {

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

        assertThat(report.trials()).hasSize(3);
        for (DispatchBenchmark.Trial t : report.trials()) {
            assertThat(t.verification()).as(t.system()).containsEntry("ok", true);
            assertThat(t.summary().count()).as(t.system()).isEqualTo(20);
            assertThat(t.summary().perSecond()).as(t.system()).isPositive();
        }
        assertThat(report.ratios()).containsKeys("engineVsDbScheduler", "engineVsQuartz");
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
