package io.scheduledreports.benchmarks.dispatch;

import io.scheduledreports.benchmarks.harness.Args;
import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.benchmarks.harness.ChildJvm;
import io.scheduledreports.benchmarks.harness.Machine;
import io.scheduledreports.benchmarks.harness.Results;
import io.scheduledreports.benchmarks.harness.TextTable;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A 1M-row report (10 typed columns, unique strings) as CSV and as XLSX end to end through the pipeline
 * (run-now, generation into the local artifact store, delivery that reads the file back) in a child JVM with a
 * 64 MB heap: memory must stay flat in the number of rows.
 */
public final class LargeReportBenchmark {

    /** The outcome. */
    public record Report(
            String benchmark, Machine machine, Map<String, Object> settings, List<Map<String, Object>> runs) {}

    private LargeReportBenchmark() {}

    /** Runs the benchmark. */
    public static Report run(Args args, PrintStream out) throws Exception {
        BenchDatabase db = BenchDatabase.from(args);
        int rows = args.integer("rows", 1_000_000, 0);
        List<String> formats = args.words("formats", "csv,xlsx");
        String heap = args.string("heap", "64m");
        String jvmOptions = args.string("jvm-opts", "");
        int timeoutS = args.integer("timeout-s", 900, 10);
        Results results = Results.from(args);
        args.rejectUnused();
        db.requireReachable();
        Machine machine = Machine.now(db.serverVersion());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rows", rows);
        settings.put("columns", 10);
        settings.put("formats", formats);
        settings.put("heap", heap);
        settings.put("jvmOptions", jvmOptions);
        out.printf(
                "Large report: %,d rows x 10 columns through the pipeline in a child JVM with -Xmx%s; %s%n",
                rows, heap, machine.database());
        out.printf("Machine: %d cores, %s; load %s%n", machine.cores(), machine.jvm(), Machine.loadText());

        List<Map<String, Object>> runs = new ArrayList<>();
        for (String format : formats) {
            String prefix = BenchDatabase.randomPrefix();
            CompletableFuture<String> result = new CompletableFuture<>();
            List<String> opts = new ArrayList<>(List.of("-Xmx" + heap));
            if (!jvmOptions.isBlank()) {
                opts.addAll(List.of(jvmOptions.trim().split("\\s+")));
            }
            List<String> childArgs = new ArrayList<>(db.toArgs());
            childArgs.addAll(
                    List.of("--format=" + format, "--rows=" + rows, "--prefix=" + prefix, "--timeout-s=" + timeoutS));
            double load = Machine.loadAverage()[0];
            try (ChildJvm child = ChildJvm.start("large-" + format, LargeReportNode.class, opts, childArgs, line -> {
                if (line.startsWith("RESULT ")) {
                    result.complete(line.substring(7));
                }
            })) {
                int exit = child.waitFor(Duration.ofSeconds(timeoutS + 60L));
                String json = result.getNow(null);
                Map<String, Object> run = new LinkedHashMap<>();
                if (json != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> parsed = Results.json().readValue(json, Map.class);
                    run.putAll(parsed);
                } else {
                    run.put("format", format);
                    run.put("error", "no result (exit code " + exit + "; see the child's output above)");
                }
                run.put("exitCode", exit);
                run.put("loadBefore", load);
                runs.add(run);
            } finally {
                db.dropTables(prefix);
            }
        }
        out.println();
        TextTable table = new TextTable(
                "format",
                "rows",
                "file MB",
                "generation s",
                "rows/s",
                "delivered after s",
                "peak heap MB",
                "heap max MB",
                "GCs",
                "result");
        for (Map<String, Object> r : runs) {
            boolean ok = !r.containsKey("error") && "SUCCEEDED".equals(r.get("status"));
            table.row(
                    r.get("format"),
                    String.format(Locale.ROOT, "%,d", ((Number) r.getOrDefault("rows", 0)).longValue()),
                    String.format(
                            Locale.ROOT,
                            "%.1f",
                            ((Number) r.getOrDefault("artifactBytes", 0)).doubleValue() / (1024 * 1024)),
                    String.format(
                            Locale.ROOT, "%.1f", ((Number) r.getOrDefault("generationMs", 0)).doubleValue() / 1000),
                    String.format(Locale.ROOT, "%,.0f", ((Number) r.getOrDefault("rowsPerSecond", 0)).doubleValue()),
                    String.format(
                            Locale.ROOT, "%.1f", ((Number) r.getOrDefault("deliveredMs", 0)).doubleValue() / 1000),
                    String.format(Locale.ROOT, "%.0f", ((Number) r.getOrDefault("peakHeapMb", 0)).doubleValue()),
                    r.getOrDefault("maxHeapMb", "-"),
                    r.getOrDefault("gcCount", "-"),
                    ok ? "ok" : "FAILED: " + r.getOrDefault("error", r.get("status")));
        }
        table.print(out);
        Report report = new Report("large-report", machine, settings, runs);
        out.println("Wrote " + results.writeJson("large-report", report));
        return report;
    }
}
