package io.scheduledreports.benchmarks.formats;

import io.scheduledreports.benchmarks.harness.Args;
import io.scheduledreports.benchmarks.harness.Machine;
import io.scheduledreports.benchmarks.harness.Results;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@link FormatsBenchmark} report alternately through our formatter(s) and through the raw library, in
 * one JVM, and prints each round and the medians of the second half (after warm-up). Alternating makes the
 * comparison fair on a shared or busy machine, where load changes between JMH's separate benchmark runs. Several
 * formats of one library (e.g. {@code pdf,pdf-table}) run in the same round against the same raw writer.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.scheduledreports.benchmarks.formats.FormatsMacroBenchmark pdf 100000 8
 * java -cp benchmarks/target/benchmarks.jar io.scheduledreports.benchmarks.formats.FormatsMacroBenchmark pdf,pdf-table 100000 6 --json=pdf-layouts
 * }</pre>
 *
 * With {@code --json=NAME} the rounds, medians and machine go to {@code benchmarks/results/NAME-<date>.json}.
 */
public final class FormatsMacroBenchmark {
    private FormatsMacroBenchmark() {}

    /**
     * Medians of one format.
     *
     * @param format the format
     * @param medianMs median milliseconds per report over the measured rounds
     * @param rowsPerSecond rows per second at the median
     * @param vsRaw how many times faster than raw (raw time / our time)
     * @param roundsMs every round's milliseconds, warm-up included
     * @param medianCpuMs median CPU milliseconds of the writing thread (GC and JIT threads not included)
     * @param cpuRowsPerSecond rows per second of that thread's CPU time
     * @param cpuVsRaw how many times less CPU than raw
     * @param roundsCpuMs every round's thread CPU milliseconds
     */
    public record Summary(
            String format,
            long medianMs,
            long rowsPerSecond,
            double vsRaw,
            long[] roundsMs,
            long medianCpuMs,
            long cpuRowsPerSecond,
            double cpuVsRaw,
            long[] roundsCpuMs) {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        List<String> positional = args.positional();
        if (positional.size() != 3) {
            System.err.println("usage: FormatsMacroBenchmark csv|xlsx|pdf|pdf-table[,...] ROWS ROUNDS [--json=NAME]");
            System.exit(2);
        }
        List<String> formats = List.of(positional.get(0).split(","));
        long rows = Long.parseLong(positional.get(1));
        int rounds = Integer.parseInt(positional.get(2));
        List<FormatsBenchmark> benches = new ArrayList<>();
        for (String f : formats) {
            FormatsBenchmark b = new FormatsBenchmark();
            b.format = f;
            b.rows = rows;
            b.setUp();
            benches.add(b);
        }
        long[][] ours = new long[formats.size()][rounds];
        long[][] oursCpu = new long[formats.size()][rounds];
        long[] raw = new long[rounds];
        long[] rawCpu = new long[rounds];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String loadBefore = Machine.loadText();
        for (int k = 0; k < rounds; k++) {
            StringBuilder line = new StringBuilder("round " + (k + 1) + ":");
            for (int f = 0; f < benches.size(); f++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                long bytes = benches.get(f).formatter();
                ours[f][k] = (System.nanoTime() - t0) / 1_000_000;
                oursCpu[f][k] = (threads.getCurrentThreadCpuTime() - c0) / 1_000_000;
                line.append(String.format(
                        " %s %d ms, cpu %d ms (%d bytes),", formats.get(f), ours[f][k], oursCpu[f][k], bytes));
            }
            long c1 = threads.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            long rawBytes = benches.getFirst().raw();
            raw[k] = (System.nanoTime() - t1) / 1_000_000;
            rawCpu[k] = (threads.getCurrentThreadCpuTime() - c1) / 1_000_000;
            line.append(String.format(
                    " raw %d ms, cpu %d ms (%d bytes); load %s", raw[k], rawCpu[k], rawBytes, Machine.loadText()));
            System.out.println(line);
        }
        long r = median(Arrays.copyOfRange(raw, rounds / 2, rounds));
        long rc = median(Arrays.copyOfRange(rawCpu, rounds / 2, rounds));
        List<Summary> summaries = new ArrayList<>();
        for (int f = 0; f < formats.size(); f++) {
            long o = median(Arrays.copyOfRange(ours[f], rounds / 2, rounds));
            long oc = median(Arrays.copyOfRange(oursCpu[f], rounds / 2, rounds));
            Summary s = new Summary(
                    formats.get(f),
                    o,
                    Math.round(rows * 1000.0 / o),
                    (double) r / o,
                    ours[f],
                    oc,
                    Math.round(rows * 1000.0 / oc),
                    (double) rc / oc,
                    oursCpu[f]);
            summaries.add(s);
            System.out.printf(
                    "%s, %d rows, median of rounds %d-%d: formatter %d ms (%d rows/s), raw %d ms (%.0f rows/s),"
                            + " overhead %+.1f%%, %.2fx raw; thread CPU %d ms (%d rows/s) vs raw %d ms, %.2fx%n",
                    s.format(),
                    rows,
                    rounds / 2 + 1,
                    rounds,
                    o,
                    s.rowsPerSecond(),
                    r,
                    rows * 1000.0 / r,
                    (o - r) * 100.0 / r,
                    s.vsRaw(),
                    oc,
                    s.cpuRowsPerSecond(),
                    rc,
                    s.cpuVsRaw());
        }
        String name = args.string("json", null);
        if (name != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("benchmark", "FormatsMacroBenchmark");
            json.put("args", String.join(" ", argv));
            json.put("machine", Machine.now("none"));
            json.put("loadBefore", loadBefore);
            json.put("loadAfter", Machine.loadText());
            json.put("heapMaxMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            json.put("rows", rows);
            json.put("measuredRounds", (rounds / 2 + 1) + "-" + rounds);
            json.put("rawMedianMs", r);
            json.put("rawRowsPerSecond", Math.round(rows * 1000.0 / r));
            json.put("rawRoundsMs", raw);
            json.put("rawMedianCpuMs", rc);
            json.put("rawRoundsCpuMs", rawCpu);
            json.put("formats", summaries);
            Path file = Results.from(args).writeJson(name, json);
            System.out.println("wrote " + file);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
