package io.scheduledreports.benchmarks.harness;

import java.util.Arrays;

/**
 * Completion times (epoch milliseconds) recorded by worker threads; cheap enough to call once per task. All
 * processes of one machine share the wall clock, so timelines of several JVMs can be merged.
 */
public final class Timeline {
    private long[] times;
    private int size;

    /** A timeline with room for {@code expected} entries (it grows beyond). */
    public Timeline(int expected) {
        this.times = new long[Math.max(16, expected)];
    }

    /** Records one completion now. */
    public void record() {
        record(System.currentTimeMillis());
    }

    /** Records one completion at {@code epochMillis}. */
    public synchronized void record(long epochMillis) {
        if (size == times.length) {
            times = Arrays.copyOf(times, times.length * 2);
        }
        times[size++] = epochMillis;
    }

    /** Number of completions recorded. */
    public synchronized int size() {
        return size;
    }

    /** Forgets everything recorded (after a warm-up). */
    public synchronized void clear() {
        size = 0;
    }

    /** A copy of the recorded times, in recording order. */
    public synchronized long[] toArray() {
        return Arrays.copyOf(times, size);
    }

    /**
     * What a set of completion times says about a burst that became due at {@code origin}.
     *
     * @param count completions
     * @param firstMs first completion after the origin
     * @param p10Ms 10 % done
     * @param p50Ms half done
     * @param p90Ms 90 % done
     * @param lastMs all done
     * @param perSecond {@code count / last}: completions per second from due to the last one (the headline)
     * @param p10to90PerSecond completions per second between 10 % and 90 % done: the rate once completions flow,
     *     without the wait for the first poll and the tail (misleading for a pipeline whose completions all come
     *     at its end)
     */
    public record Summary(
            int count,
            long firstMs,
            long p10Ms,
            long p50Ms,
            long p90Ms,
            long lastMs,
            double perSecond,
            double p10to90PerSecond) {}

    /** Summarises completion times relative to {@code origin} (epoch milliseconds). */
    public static Summary summarize(long[] completions, long origin) {
        long[] t = completions.clone();
        Arrays.sort(t);
        int n = t.length;
        if (n == 0) {
            return new Summary(0, -1, -1, -1, -1, -1, 0, 0);
        }
        long first = t[0] - origin;
        long last = t[n - 1] - origin;
        int i10 = (int) Math.floor(0.1 * (n - 1));
        int i90 = (int) Math.ceil(0.9 * (n - 1));
        long p10 = t[i10] - origin;
        long p50 = t[(n - 1) / 2] - origin;
        long p90 = t[i90] - origin;
        double overall = last <= 0 ? 0 : n * 1000.0 / last;
        double steady = p90 > p10 ? (i90 - i10) * 1000.0 / (p90 - p10) : overall;
        return new Summary(n, first, p10, p50, p90, last, overall, steady);
    }

    /** Merges several timelines. */
    public static long[] merge(java.util.Collection<long[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        long[] all = new long[n];
        int i = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, all, i, p.length);
            i += p.length;
        }
        Arrays.sort(all);
        return all;
    }
}
