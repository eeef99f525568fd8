package io.scheduledreports.benchmarks.formats;

import java.util.Arrays;

/**
 * Writes the {@link FormatsBenchmark} report alternately through our formatter and through the raw library, in
 * one JVM, and prints each round and the medians of the second half (after warm-up). Alternating makes the
 * comparison fair on a shared or busy machine, where load changes between JMH's separate benchmark runs.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.scheduledreports.benchmarks.formats.FormatsMacroBenchmark pdf 100000 8
 * }</pre>
 */
public final class FormatsMacroBenchmark {
    private FormatsMacroBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: FormatsMacroBenchmark csv|xlsx|pdf ROWS ROUNDS");
            System.exit(2);
        }
        FormatsBenchmark bench = new FormatsBenchmark();
        bench.format = args[0];
        bench.rows = Long.parseLong(args[1]);
        int rounds = Integer.parseInt(args[2]);
        bench.setUp();
        long[] ours = new long[rounds];
        long[] raw = new long[rounds];
        for (int k = 0; k < rounds; k++) {
            long t0 = System.nanoTime();
            long oursBytes = bench.formatter();
            long t1 = System.nanoTime();
            long rawBytes = bench.raw();
            long t2 = System.nanoTime();
            ours[k] = (t1 - t0) / 1_000_000;
            raw[k] = (t2 - t1) / 1_000_000;
            System.out.printf(
                    "round %d: formatter %d ms (%d bytes), raw %d ms (%d bytes)%n",
                    k + 1, ours[k], oursBytes, raw[k], rawBytes);
        }
        long o = median(Arrays.copyOfRange(ours, rounds / 2, rounds));
        long r = median(Arrays.copyOfRange(raw, rounds / 2, rounds));
        System.out.printf(
                "%s, %d rows, median of rounds %d-%d: formatter %d ms (%.0f rows/s), raw %d ms (%.0f rows/s),"
                        + " overhead %+.1f%%%n",
                bench.format,
                bench.rows,
                rounds / 2 + 1,
                rounds,
                o,
                bench.rows * 1000.0 / o,
                r,
                bench.rows * 1000.0 / r,
                (o - r) * 100.0 / r);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
