package io.scheduledreports.reliability;

import io.scheduledreports.benchmarks.harness.Args;
import io.scheduledreports.benchmarks.harness.BenchDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * How to run one engine instance in its own JVM ({@link EngineNode}): everything as options, so the runner can
 * start, kill and replace instances.
 *
 * @param db the database
 * @param prefix table prefix of this scenario run
 * @param name instance name (db-scheduler's {@code picked_by})
 * @param artifacts artifact directory (shared by the instances of a run, declared shared)
 * @param smtpPort port of the runner's SMTP server on 127.0.0.1
 * @param threads worker threads
 * @param pollingMs polling interval
 * @param heartbeatMs heartbeat interval; 0 for the library default
 * @param missedHeartbeats missed heartbeats before work counts as dead; 0 for the library default
 * @param generationMs how long each generation takes (the report sleeps, checking its cancellation)
 * @param sendDelayMs pause before each SMTP send (a slow channel: widens the mid-delivery window)
 * @param afterSendMs pause after each SMTP send, before the engine records it (the "sent but not recorded" window)
 * @param retryMs first retry delay of generations and deliveries, doubled per attempt; 0 for the library default
 * @param attempts attempts in all for generations and deliveries; 0 for the library default
 * @param diskFloorMb free-space floor of the disk guard in MB; 0 for no guard
 * @param s3 the S3 bucket and prefix the instance writes its files to instead of {@code artifacts}; null for the
 *     local directory
 */
public record NodeOptions(
        BenchDatabase db,
        String prefix,
        String name,
        String artifacts,
        int smtpPort,
        int threads,
        long pollingMs,
        long heartbeatMs,
        int missedHeartbeats,
        long generationMs,
        long sendDelayMs,
        long afterSendMs,
        long retryMs,
        int attempts,
        long diskFloorMb,
        S3Site.Target s3) {

    /** The same instance with its files on {@code target} (the S3 store). */
    public NodeOptions onS3(S3Site.Target target) {
        return with(name, target);
    }

    /** The same instance under another name (a replacement). */
    public NodeOptions named(String newName) {
        return with(newName, s3);
    }

    private NodeOptions with(String newName, S3Site.Target target) {
        return new NodeOptions(
                db,
                prefix,
                newName,
                artifacts,
                smtpPort,
                threads,
                pollingMs,
                heartbeatMs,
                missedHeartbeats,
                generationMs,
                sendDelayMs,
                afterSendMs,
                retryMs,
                attempts,
                diskFloorMb,
                target);
    }

    /** As options for {@link EngineNode}. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>(db.toArgs());
        args.add("--prefix=" + prefix);
        args.add("--name=" + name);
        args.add("--artifacts=" + artifacts);
        args.add("--smtp-port=" + smtpPort);
        args.add("--threads=" + threads);
        args.add("--polling-ms=" + pollingMs);
        args.add("--heartbeat-ms=" + heartbeatMs);
        args.add("--missed-heartbeats=" + missedHeartbeats);
        args.add("--generation-ms=" + generationMs);
        args.add("--send-delay-ms=" + sendDelayMs);
        args.add("--after-send-ms=" + afterSendMs);
        args.add("--retry-ms=" + retryMs);
        args.add("--attempts=" + attempts);
        args.add("--disk-floor-mb=" + diskFloorMb);
        if (s3 != null) {
            args.add("--s3-endpoint=" + s3.endpoint());
            args.add("--s3-bucket=" + s3.bucket());
            args.add("--s3-key-prefix=" + s3.keyPrefix());
        }
        return args;
    }

    /** From the options written by {@link #toArgs()}. */
    public static NodeOptions fromArgs(Args a) {
        NodeOptions o = new NodeOptions(
                BenchDatabase.from(a),
                a.string("prefix", null),
                a.string("name", "node"),
                a.string("artifacts", null),
                a.integer("smtp-port", 2525, 1),
                a.integer("threads", 4, 1),
                a.integer("polling-ms", 500, 10),
                a.integer("heartbeat-ms", 0, 0),
                a.integer("missed-heartbeats", 0, 0),
                a.integer("generation-ms", 0, 0),
                a.integer("send-delay-ms", 0, 0),
                a.integer("after-send-ms", 0, 0),
                a.integer("retry-ms", 0, 0),
                a.integer("attempts", 0, 0),
                a.integer("disk-floor-mb", 0, 0),
                a.has("s3-endpoint")
                        ? new S3Site.Target(
                                java.net.URI.create(a.string("s3-endpoint", null)),
                                a.string("s3-bucket", null),
                                a.string("s3-key-prefix", null))
                        : null);
        a.rejectUnused();
        if (o.prefix() == null || o.artifacts() == null) {
            throw new IllegalArgumentException("--prefix and --artifacts are required");
        }
        return o;
    }
}
