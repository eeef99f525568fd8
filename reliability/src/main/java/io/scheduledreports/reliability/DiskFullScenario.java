package io.scheduledreports.reliability;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scenario 5: the artifact directory is a small tmpfs (mounted by the runner, so root only; skipped with a message
 * otherwise), filled up to below the disk guard's floor while reports fall due. Generations are deferred (no
 * attempt used, nothing failed) and resume when space returns.
 */
final class DiskFullScenario implements Scenario {

    @Override
    public String id() {
        return "disk-full";
    }

    @Override
    public Map<String, Object> run(Context c) throws Exception {
        if (!Scenario.isRoot()) {
            return Scenario.skipped("needs root to mount a tmpfs; run the suite as root (or skip this scenario)");
        }
        int n = c.longVariant() ? 100 : 10;
        Duration full = c.longVariant() ? Duration.ofSeconds(60) : Duration.ofSeconds(8);
        Map<String, Object> r = new LinkedHashMap<>();
        Path mount = Files.createTempDirectory("reliability-tmpfs-");
        Scenario.exec("mount", "-t", "tmpfs", "-o", "size=32m,mode=0700", "tmpfs", mount.toString());
        try (Trial trial = new Trial(c.db(), mount)) {
            NodeOptions o = trial.options("a");
            // disk guard floor 16 MB on a 32 MB file system
            o = new NodeOptions(
                    o.db(), o.prefix(), "a", o.artifacts(), o.smtpPort(), 4, 500, 0, 0, 0, 0, 0, 0, 0, 16, null);
            r.put("schedules", n);
            r.put("file_system", "tmpfs 32 MB, disk guard floor 16 MB");
            r.put("full_for_s", full.toSeconds());
            trial.createSchedules(n);
            trial.start(o);
            trial.start(o.named("b"));
            Path ballast = mount.resolve("ballast");
            try (RandomAccessFile f = new RandomAccessFile(ballast.toFile(), "rw")) {
                f.write(new byte[24 << 20]); // tmpfs allocates only what is written
            }
            r.put("free_while_full_mb", Files.getFileStore(mount).getUsableSpace() >> 20);
            trial.release();
            Thread.sleep(full.toMillis());
            long generatedWhileFull = trial.count("SELECT COUNT(*) FROM " + trial.t.executions()
                    + " WHERE status IN ('SUCCEEDED', 'DELIVERING', 'FAILED', 'RETRYING')");
            Files.delete(ballast);
            Instant freed = Instant.now();
            boolean done = Trial.await(Duration.ofMinutes(5), () -> trial.sentDeliveries() >= n);
            Instant finished = Instant.now();
            r.put("generated_or_failed_while_full", generatedWhileFull);
            r.put(
                    "all_delivered_after_space_returned_s",
                    done ? Duration.between(freed, finished).toMillis() / 1000.0 : null);
            Map<String, Object> facts = trial.facts(n);
            r.putAll(facts);
            r.put(
                    "ok",
                    done
                            && generatedWhileFull == 0
                            && facts.get("executions_succeeded").equals((long) n)
                            && facts.get("executions_with_extra_attempts").equals(0L)
                            && facts.get("dead_letters").equals(0L)
                            && facts.get("lost").equals(0));
        } finally {
            Scenario.exec("umount", mount.toString());
            Files.deleteIfExists(mount);
        }
        return r;
    }
}
