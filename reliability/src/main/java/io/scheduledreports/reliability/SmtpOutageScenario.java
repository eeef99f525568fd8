package io.scheduledreports.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scenario 3: the SMTP server is stopped (connections refused) while reports fall due, and started again after
 * the outage. Everything must be delivered exactly once afterwards, the failed attempts visible in the history,
 * and nothing dead-lettered while the outage is shorter than the retry budget.
 */
final class SmtpOutageScenario implements Scenario {
    /** Schedules of the short variant. */
    static final int SHORT_SCHEDULES = 6;

    @Override
    public String id() {
        return "smtp-outage";
    }

    @Override
    public Map<String, Object> run(Context c) throws Exception {
        int n = c.longVariant() ? 100 : SHORT_SCHEDULES;
        Duration outage = c.longVariant() ? Duration.ofMinutes(3) : Duration.ofSeconds(5);
        Map<String, Object> r = new LinkedHashMap<>();
        try (Trial trial = new Trial(c.db(), null)) {
            NodeOptions o = trial.options("a");
            // long: the library's retry policy (1, 5, 15 min; 4 attempts); short: 1, 2, 4 s, 8 attempts
            long retryMs = c.longVariant() ? 0 : 1_000;
            int attempts = c.longVariant() ? 0 : 8;
            o = new NodeOptions(
                    o.db(),
                    o.prefix(),
                    "a",
                    o.artifacts(),
                    o.smtpPort(),
                    4,
                    500,
                    0,
                    0,
                    0,
                    0,
                    0,
                    retryMs,
                    attempts,
                    0,
                    null);
            r.put("schedules", n);
            r.put("outage_s", outage.toSeconds());
            r.put(
                    "delivery_retry",
                    retryMs == 0
                            ? "library default (1 min, 5 min, 15 min; 4 attempts)"
                            : "1 s, 2 s, 4 s, 4 s...; " + attempts + " attempts");
            trial.createSchedules(n);
            trial.start(o);
            trial.start(o.named("b"));
            trial.mail.stop();
            Instant down = Instant.now();
            trial.release();
            Thread.sleep(outage.toMillis());
            // on a busy machine the first attempts may come late: the outage lasts until half have failed once
            Trial.await(
                    Duration.ofMinutes(3),
                    () -> trial.count("SELECT COUNT(*) FROM " + trial.t.deliveries() + " WHERE last_error IS NOT NULL")
                            >= Math.max(1, n / 2));
            long sentDuringOutage = trial.sentDeliveries();
            trial.mail.start();
            Instant up = Instant.now();
            boolean done = Trial.await(Duration.ofMinutes(c.longVariant() ? 25 : 3), () -> trial.sentDeliveries() >= n);
            Instant finished = Instant.now();
            Thread.sleep(1_000);
            r.put("outage_measured_s", Duration.between(down, up).toMillis() / 1000.0);
            r.put("sent_during_outage", sentDuringOutage);
            r.put(
                    "all_delivered_after_restart_s",
                    done ? Duration.between(up, finished).toMillis() / 1000.0 : null);
            Map<String, Object> facts = trial.facts(n);
            r.putAll(facts);
            r.put(
                    "ok",
                    done
                            && sentDuringOutage == 0
                            && facts.get("lost").equals(0)
                            && facts.get("emails_duplicate_same_key").equals(0)
                            && facts.get("dead_letters").equals(0L)
                            && ((Long) facts.get("deliveries_retried")) > 0);
        }
        return r;
    }
}
