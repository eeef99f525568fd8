package io.scheduledreports.benchmarks.dispatch;

import io.scheduledreports.benchmarks.harness.Args;
import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.benchmarks.harness.BenchS3;
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
 *
 * <p>{@code --store=local|s3|both} picks the artifact store: the local directory store, an {@code S3ArtifactStore}
 * against an S3Proxy server that this (harness) JVM starts on loopback for each run and stops after it (multipart
 * upload with {@code --part-mb} parts, 5 MiB by default, so that two part buffers fit the child's heap), or both in
 * turn for every format, same rows.
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
        List<String> stores = stores(args.string("store", "local"));
        int partMb = args.integer("part-mb", 5, 5);
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
        settings.put("stores", stores);
        if (stores.contains("s3")) {
            settings.put(
                    "s3",
                    "S3Proxy (in-memory blob store) in the harness JVM on loopback; part size " + partMb + " MiB");
        }
        out.printf(
                "Large report: %,d rows x 10 columns through the pipeline in a child JVM with -Xmx%s; store %s; %s%n",
                rows, heap, String.join(" and ", stores), machine.database());
        out.printf("Machine: %d cores, %s; load %s%n", machine.cores(), machine.jvm(), Machine.loadText());

        List<Map<String, Object>> runs = new ArrayList<>();
        for (String format : formats) {
            for (String store : stores) {
                runs.add(runOne(db, format, store, rows, heap, jvmOptions, partMb, timeoutS));
            }
        }
        out.println();
        TextTable table = new TextTable(
                "format",
                "store",
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
                    r.getOrDefault("store", "local"),
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

    /** {@code local}, {@code s3} or {@code both} as the list of stores to run. */
    static List<String> stores(String option) {
        return switch (option) {
            case "local" -> List.of("local");
            case "s3" -> List.of("s3");
            case "both" -> List.of("local", "s3");
            default -> throw new IllegalArgumentException("store: must be local, s3 or both, was " + option);
        };
    }

    private static Map<String, Object> runOne(
            BenchDatabase db,
            String format,
            String store,
            int rows,
            String heap,
            String jvmOptions,
            int partMb,
            int timeoutS)
            throws Exception {
        String prefix = BenchDatabase.randomPrefix();
        CompletableFuture<String> result = new CompletableFuture<>();
        List<String> opts = new ArrayList<>(List.of("-Xmx" + heap));
        if (!jvmOptions.isBlank()) {
            opts.addAll(List.of(jvmOptions.trim().split("\\s+")));
        }
        List<String> childArgs = new ArrayList<>(db.toArgs());
        childArgs.addAll(List.of(
                "--format=" + format,
                "--rows=" + rows,
                "--prefix=" + prefix,
                "--timeout-s=" + timeoutS,
                "--store=" + store,
                "--part-mb=" + partMb));
        BenchS3 s3 = "s3".equals(store) ? BenchS3.start("bench-large-" + prefix.replace("_", "")) : null;
        double load = Machine.loadAverage()[0];
        try (ChildJvm child =
                ChildJvm.start("large-" + format + "-" + store, LargeReportNode.class, opts, childArgs, line -> {
                    if (line.startsWith("RESULT ")) {
                        result.complete(line.substring(7));
                    }
                })) {
            if (s3 != null) {
                child.send(s3.connectionLine());
            }
            int exit = child.waitFor(Duration.ofSeconds(timeoutS + 60L));
            String json = result.getNow(null);
            Map<String, Object> run = new LinkedHashMap<>();
            if (json != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> parsed = Results.json().readValue(json, Map.class);
                run.putAll(parsed);
            } else {
                run.put("format", format);
                run.put("store", store);
                run.put("error", "no result (exit code " + exit + "; see the child's output above)");
            }
            run.put("exitCode", exit);
            run.put("loadBefore", load);
            run.put("loadAfter", Machine.loadAverage()[0]);
            return run;
        } finally {
            try {
                if (s3 != null) {
                    s3.close();
                }
            } finally {
                db.dropTables(prefix);
            }
        }
    }
}
