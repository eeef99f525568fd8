package io.scheduledreports.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 2 (long only): the database server is restarted with its own tools (as root) in the middle of a
 * burst. The engines must reconnect by themselves; nothing lost or doubled. {@code --dry-run} checks everything
 * but the restart and prints the command instead of running it.
 */
final class DatabaseRestartScenario implements Scenario {

    @Override
    public String id() {
        return "db-restart";
    }

    @Override
    public boolean longOnly() {
        return true;
    }

    /** The restart command for the database of {@code url}. */
    static List<String> restartCommand(String url) {
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            // Debian's init script stops the server through the debian-sys-maint account, which a server set up with
            // a password-less root need not have ("mariadbd failed!"); root's socket login stops it, the init script
            // starts it, and the ping (waiting up to 60 s) decides whether the restart worked
            return List.of(
                    "sh",
                    "-c",
                    "mariadb-admin -uroot shutdown && { service mariadb start; mariadb-admin -uroot --wait=60 ping; }");
        }
        return List.of("pg_ctlcluster", "15", "main", "restart");
    }

    @Override
    public Map<String, Object> run(Context c) throws Exception {
        List<String> restart = restartCommand(c.db().url());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("restart_command", String.join(" ", restart));
        if (!c.dryRun() && !Scenario.isRoot()) {
            return Scenario.skipped("needs root to run: " + String.join(" ", restart));
        }
        int n = c.longVariant() ? 200 : 20;
        try (Trial trial = new Trial(c.db(), null)) {
            NodeOptions o = trial.options("a");
            o = new NodeOptions(
                    o.db(), o.prefix(), "a", o.artifacts(), o.smtpPort(), 4, 500, 0, 0, 300, 50, 0, 2_000, 10, 0, null);
            r.put("schedules", n);
            trial.createSchedules(n);
            trial.start(o);
            trial.start(o.named("b"));
            trial.release();
            Trial.await(Duration.ofMinutes(2), () -> trial.sentDeliveries() >= n / 4);
            long before = trial.sentDeliveries();
            Instant restarted = Instant.now();
            if (c.dryRun()) {
                r.put("dry_run", "would run now: " + String.join(" ", restart));
                System.out.println("[db-restart] dry run: would run " + String.join(" ", restart));
            } else {
                Scenario.exec(restart.toArray(String[]::new));
            }
            Instant back = Instant.now();
            boolean progress = Trial.await(Duration.ofMinutes(3), () -> {
                try {
                    return trial.sentDeliveries() > before;
                } catch (RuntimeException e) {
                    return false; // the server is still starting
                }
            });
            Instant progressed = Instant.now();
            boolean done = Trial.await(Duration.ofMinutes(10), () -> {
                try {
                    return trial.sentDeliveries() >= n;
                } catch (RuntimeException e) {
                    return false;
                }
            });
            r.put("sent_before_restart", before);
            r.put("restart_took_s", Duration.between(restarted, back).toMillis() / 1000.0);
            r.put(
                    "first_progress_after_restart_s",
                    progress ? Duration.between(back, progressed).toMillis() / 1000.0 : null);
            Map<String, Object> facts = trial.facts(n);
            r.putAll(facts);
            r.put(
                    "ok",
                    done
                            && facts.get("slots_run_twice").equals(0L)
                            && facts.get("executions_succeeded").equals((long) n)
                            && facts.get("lost").equals(0)
                            && facts.get("dead_letters").equals(0L));
        }
        return r;
    }
}
