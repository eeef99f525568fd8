package io.scheduledreports.benchmarks.dispatch;

import io.scheduledreports.benchmarks.harness.Args;
import io.scheduledreports.benchmarks.harness.BenchDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * How to run one instance of one system: everything a child JVM needs, as options.
 *
 * @param system which system
 * @param name the instance name (db-scheduler scheduler name, Quartz instance id, engine instance name)
 * @param db the database
 * @param prefix table prefix of this trial
 * @param threads worker threads
 * @param poolSize connections in the instance's pool
 * @param pollingMs polling interval (Quartz: idle wait time, at least 1,000 ms)
 * @param quartzBatch Quartz {@code batchTriggerAcquisitionMaxCount}
 * @param batchFiringSize the engine's {@code PollingSettings.batchFiringSize} (0: off)
 * @param artifactDir where the engine writes its files
 * @param countRoundTrips whether to count what the JDBC driver sends (slows everything down)
 * @param logLevel root log level
 */
public record NodeSpec(
        SystemKind system,
        String name,
        BenchDatabase db,
        String prefix,
        int threads,
        int poolSize,
        long pollingMs,
        int quartzBatch,
        int batchFiringSize,
        String artifactDir,
        boolean countRoundTrips,
        String logLevel) {

    /** As options for {@link DispatchNode}. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>(db.toArgs());
        args.add("--system=" + system.id());
        args.add("--name=" + name);
        args.add("--prefix=" + prefix);
        args.add("--threads=" + threads);
        args.add("--pool=" + poolSize);
        args.add("--polling-ms=" + pollingMs);
        args.add("--quartz-batch=" + quartzBatch);
        args.add("--batch-firing-size=" + batchFiringSize);
        args.add("--artifacts=" + artifactDir);
        args.add("--count-round-trips=" + countRoundTrips);
        args.add("--log-level=" + logLevel);
        return args;
    }

    /** From the options written by {@link #toArgs()}. */
    public static NodeSpec fromArgs(Args a) {
        NodeSpec spec = new NodeSpec(
                SystemKind.of(a.string("system", "engine")),
                a.string("name", "node-0"),
                BenchDatabase.from(a),
                a.string("prefix", null),
                a.integer("threads", 8, 1),
                a.integer("pool", 10, 1),
                a.millis("polling-ms", 1000, 10).toMillis(),
                a.integer("quartz-batch", 1, 1),
                a.integer("batch-firing-size", 200, 0),
                a.string("artifacts", System.getProperty("java.io.tmpdir")),
                a.flag("count-round-trips", false),
                a.string("log-level", "WARN"));
        a.rejectUnused();
        return spec;
    }
}
