package io.scheduledreports.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scenario 4: the artifact store fails every write for a while (the directory is made read-only: a read-only bind
 * mount as root, file permissions otherwise), while reports fall due. Generations fail as {@code SYSTEM} errors and
 * are retried; afterwards everything is generated and delivered once, and no partial file is left behind.
 */
final class StorageOutageScenario implements Scenario {

    @Override
    public String id() {
        return "storage-outage";
    }

    @Override
    public Map<String, Object> run(Context c) throws Exception {
        int n = c.longVariant() ? 100 : 10;
        Duration outage = c.longVariant() ? Duration.ofSeconds(60) : Duration.ofSeconds(8);
        Map<String, Object> r = new LinkedHashMap<>();
        try (Trial trial = new Trial(c.db(), null)) {
            NodeOptions o = trial.options("a");
            o = new NodeOptions(
                    o.db(), o.prefix(), "a", o.artifacts(), o.smtpPort(), 4, 500, 0, 0, 0, 0, 0, 2_000, 10, 0, null);
            r.put("schedules", n);
            r.put("outage_s", outage.toSeconds());
            r.put("retry", "2 s, 4 s, 8 s, 8 s...; 10 attempts");
            trial.createSchedules(n);
            trial.start(o);
            trial.start(o.named("b"));
            Path dir = trial.artifacts;
            boolean root = Scenario.isRoot();
            r.put("read_only_by", root ? "read-only bind mount" : "chmod 500");
            if (root) {
                Scenario.exec("mount", "--bind", dir.toString(), dir.toString());
                Scenario.exec("mount", "-o", "remount,bind,ro", dir.toString());
            } else {
                Files.setPosixFilePermissions(dir.resolve(".incoming"), PosixFilePermissions.fromString("r-x------"));
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
            }
            Instant up;
            long succeededDuringOutage;
            try {
                trial.release();
                Thread.sleep(outage.toMillis());
                // on a busy machine the first attempts may come late: the outage lasts until one has failed
                Trial.await(
                        Duration.ofMinutes(3),
                        () -> trial.count("SELECT COUNT(*) FROM " + trial.t.executions()
                                        + " WHERE error_category IS NOT NULL")
                                > 0);
                succeededDuringOutage =
                        trial.count("SELECT COUNT(*) FROM " + trial.t.executions() + " WHERE status = 'SUCCEEDED'");
            } finally {
                if (root) {
                    Scenario.exec("umount", dir.toString());
                } else {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                    Files.setPosixFilePermissions(
                            dir.resolve(".incoming"), PosixFilePermissions.fromString("rwx------"));
                }
                up = Instant.now();
            }
            boolean done = Trial.await(Duration.ofMinutes(5), () -> trial.sentDeliveries() >= n);
            Instant finished = Instant.now();
            r.put("succeeded_during_outage", succeededDuringOutage);
            r.put(
                    "all_delivered_after_outage_s",
                    done ? Duration.between(up, finished).toMillis() / 1000.0 : null);
            Map<String, Object> facts = trial.facts(n);
            r.putAll(facts);
            r.put(
                    "ok",
                    done
                            && succeededDuringOutage == 0
                            && facts.get("executions_succeeded").equals((long) n)
                            && ((Long) facts.get("executions_with_extra_attempts")) > 0
                            && facts.get("dead_letters").equals(0L)
                            && facts.get("lost").equals(0)
                            && facts.get("partial_files_left").equals(0L));
        }
        return r;
    }
}
