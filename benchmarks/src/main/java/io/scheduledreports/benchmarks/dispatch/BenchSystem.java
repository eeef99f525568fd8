package io.scheduledreports.benchmarks.dispatch;

import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.benchmarks.harness.RoundTripCounter;
import io.scheduledreports.benchmarks.harness.Timeline;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One system of the dispatch benchmark. The harness side loads the work (a warm-up batch and a measured batch,
 * both due a day ahead), then releases each batch with one transaction that makes all of it due now; the node
 * side runs one instance and records a completion time per item.
 */
interface BenchSystem {

    /** The two batches of a trial. */
    enum Batch {
        /** Runs first, to warm the JVMs up; not measured. */
        WARMUP("w"),
        /** The measured burst. */
        MEASURED("m");

        private final String tag;

        Batch(String tag) {
            this.tag = tag;
        }

        /** A short tag that names the batch's items. */
        String tag() {
            return tag;
        }
    }

    /** The implementation of {@code kind}. */
    static BenchSystem of(SystemKind kind) {
        return switch (kind) {
            case ENGINE -> new EngineSystem();
            case DB_SCHEDULER -> new DbSchedulerSystem();
            case QUARTZ -> new QuartzSystem();
            case JOBRUNR -> new JobRunrSystem();
        };
    }

    /** Creates the tables and loads both batches, due a day from now. */
    void prepare(BenchDatabase db, String prefix, Path artifacts, int warmup, int measured) throws Exception;

    /**
     * Makes every item of {@code batch} due now, in one transaction.
     *
     * @return when the transaction committed (epoch milliseconds): the origin of the measurement
     */
    long release(BenchDatabase db, String prefix, Batch batch) throws Exception;

    /**
     * Makes every item of {@code batch} due now; systems that need their running instances for that (the engine:
     * its clock) override this.
     *
     * @return the origin of the measurement (epoch milliseconds)
     */
    default long release(BenchDatabase db, String prefix, Batch batch, List<Node> nodes) throws Exception {
        return release(db, prefix, batch);
    }

    /** Checks that each measured item ran exactly once; facts by name, with {@code ok}. */
    Map<String, Object> verify(BenchDatabase db, String prefix, int measured);

    /** Starts one instance (node side). */
    Instance start(NodeSpec spec) throws Exception;

    /** A running instance: records a completion per item and can be reset after the warm-up. */
    abstract class Instance {
        final Timeline timeline = new Timeline(4096);
        final RoundTripCounter counter;
        private volatile long cpuAtReset = processCpuNanos();

        Instance(NodeSpec spec) {
            this.counter = spec.countRoundTrips() ? RoundTripCounter.install() : null;
        }

        /** Completions since the last reset. */
        int completed() {
            return timeline.size();
        }

        /** Forgets the completions (and round trips) so far. */
        void reset() {
            timeline.clear();
            cpuAtReset = processCpuNanos();
            if (counter != null) {
                counter.reset();
            }
        }

        /** Shifts the instance's clock by {@code offsetMs} (only systems that run on a settable clock). */
        void clockOffset(long offsetMs) {
            throw new UnsupportedOperationException(getClass().getName() + " has no settable clock");
        }

        /** Stops the instance (running work finishes first). */
        abstract void stop() throws Exception;

        /** What the instance wants to report besides its completions. */
        Map<String, Object> info() {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("jvmCpuMs", (processCpuNanos() - cpuAtReset) / 1_000_000);
            if (counter != null) {
                info.put("roundTrips", counter.roundTrips());
                info.put("statementsByKind", counter.byKind());
                info.put("statementsByText", counter.byText(40));
            }
            return info;
        }
    }

    /** CPU time of this JVM so far (all threads), in nanoseconds. */
    static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    /** The application name of an instance's connections: the trial's prefix, so the harness finds them. */
    static String applicationName(NodeSpec spec) {
        return "bench-" + spec.prefix();
    }

    /** The database URL an instance connects to: with {@code prepareThreshold=0} when counting round trips. */
    static BenchDatabase database(NodeSpec spec) {
        return spec.countRoundTrips()
                ? new BenchDatabase(
                        RoundTripCounter.countingUrl(spec.db().url()),
                        spec.db().user(),
                        spec.db().password())
                : spec.db();
    }
}
