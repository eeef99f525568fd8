package io.scheduledreports.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's own arithmetic and parsing, without a database. */
class HarnessTest {

    @Test
    void summaryMeasuresFromTheOriginAndBetweenTenAndNinetyPercent() {
        long origin = 1_000_000;
        long[] times = new long[11];
        for (int i = 0; i < times.length; i++) {
            times[i] = origin + 1_000 + 100L * i; // first after 1 s, then one every 100 ms
        }
        Timeline.Summary s = Timeline.summarize(times, origin);

        assertThat(s.count()).isEqualTo(11);
        assertThat(s.firstMs()).isEqualTo(1_000);
        assertThat(s.lastMs()).isEqualTo(2_000);
        assertThat(s.perSecond()).isEqualTo(5.5);
        assertThat(s.p10to90PerSecond()).isEqualTo(10.0);
    }

    @Test
    void statsGiveMedianAndRange() {
        Stats s = Stats.of(3, 1, 2, 10);

        assertThat(s.median()).isEqualTo(2.5);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(10);
        assertThat(s.text(1)).isEqualTo("2.5 (1.0-10.0)");
    }

    @Test
    void argsNameAnUnknownOption() {
        Args args = Args.parse("dispatch", "--schedules=20", "--shedules=30");
        assertThat(args.integer("schedules", 1, 1)).isEqualTo(20);
        assertThat(args.positional()).containsExactly("dispatch");

        assertThatThrownBy(args::rejectUnused).hasMessageContaining("--shedules");
    }

    @Test
    void argsRejectAValueOutOfRange() {
        assertThatThrownBy(() -> Args.parse("--instances=1,0").integers("instances", "1", 1))
                .hasMessageContaining("--instances")
                .hasMessageContaining("at least 1");
    }

    @Test
    void roundTripCounterSortsStatementsByKind() {
        assertThat(RoundTripCounter.kind("SELECT * FROM t WHERE id = $1 FOR UPDATE"))
                .isEqualTo("SELECT FOR UPDATE");
        assertThat(RoundTripCounter.kind("select 1")).isEqualTo("SELECT");
        assertThat(RoundTripCounter.kind("SHOW TRANSACTION ISOLATION LEVEL")).isEqualTo("SHOW");
        assertThat(RoundTripCounter.kind("insert into t values ($1)")).isEqualTo("INSERT");
        assertThat(RoundTripCounter.countingUrl("jdbc:postgresql://h/db"))
                .isEqualTo("jdbc:postgresql://h/db?prepareThreshold=0");
        assertThat(RoundTripCounter.countingUrl("jdbc:postgresql://h/db?a=b"))
                .isEqualTo("jdbc:postgresql://h/db?a=b&prepareThreshold=0");
    }

    @Test
    void clonerIdsAreVersion7UuidsAsTheLibraryMakesThem() {
        String a = ScheduleCloner.newId();
        String b = ScheduleCloner.newId();
        assertThat(java.util.UUID.fromString(a).version()).isEqualTo(7);
        assertThat(java.util.UUID.fromString(a).variant()).isEqualTo(2);
        assertThat(b).as("increasing within a JVM").isGreaterThan(a);

        String row = "0190a0b0-0000-7000-8000-000000000001";
        java.util.UUID derived = java.util.UUID.fromString(ScheduleCloner.derivedId(row, a));
        assertThat(derived.version()).isEqualTo(7);
        assertThat(derived.variant()).isEqualTo(2);
        assertThat(derived.toString()).startsWith(a.substring(0, 15)).isNotEqualTo(a);
        assertThat(ScheduleCloner.derivedId(row, a)).isEqualTo(derived.toString());
        assertThat(ScheduleCloner.derivedId(row, b)).isNotEqualTo(derived.toString());
    }

    @Test
    void clonerRefusesWhenCreateWroteATableItDoesNotCopy() {
        var before =
                java.util.Map.of("scheduled_reports", 0L, "tenant_locks", 0L, "disk_samples", 0L, "ops_alerts", 0L);
        ScheduleCloner.requireOnlyClonedTables(
                before,
                java.util.Map.of("scheduled_reports", 3L, "tenant_locks", 2L, "disk_samples", 1L, "ops_alerts", 0L));

        assertThatThrownBy(() -> ScheduleCloner.requireOnlyClonedTables(
                        before,
                        java.util.Map.of(
                                "scheduled_reports", 3L, "tenant_locks", 2L, "disk_samples", 0L, "ops_alerts", 1L)))
                .hasMessageContaining("ops_alerts 0 -> 1");
    }

    @Test
    void chartIsAPng(@TempDir Path dir) throws Exception {
        Path png = new LineChart("t", "x", "y")
                .series("a", List.of(new LineChart.Point(1, 10, 9, 11), new LineChart.Point(2, 18, 15, 20)))
                .series("b", List.of(new LineChart.Point(1, 5, 5, 5), new LineChart.Point(2, 6, 5, 7)))
                .footnote("note")
                .writePng(dir.resolve("c.png"), 400, 300);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII))
                .as("PNG signature")
                .isEqualTo("PNG");
    }
}
