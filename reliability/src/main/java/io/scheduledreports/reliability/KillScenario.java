package io.scheduledreports.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scenario 1: two instances share the work; one is killed with {@code kill -9} while it has generations and
 * deliveries in flight, with or without a replacement started right after. Every execution must finish once and
 * every delivery arrive; an e-mail sent by the killed instance but not yet recorded is sent again by the survivor
 * with the same idempotency key (at-least-once delivery), so such repeats are counted, not forbidden.
 */
final class KillScenario implements Scenario {
    /** Schedules of the short variant. */
    static final int SHORT_SCHEDULES = 10;

    private final boolean replacement;

    KillScenario(boolean replacement) {
        this.replacement = replacement;
    }

    @Override
    public String id() {
        return replacement ? "kill-9-replaced" : "kill-9";
    }

    @Override
    public Map<String, Object> run(Context c) throws Exception {
        int n = c.longVariant() ? 120 : SHORT_SCHEDULES;
        Map<String, Object> r = new LinkedHashMap<>();
        try (Trial trial = new Trial(c.db(), null)) {
            NodeOptions base = trial.options("a");
            // the short variant beats faster so it fits in a build; the long one runs on the library defaults
            long heartbeatMs = c.longVariant() ? 0 : 1_000;
            int missed = c.longVariant() ? 0 : 4;
            base = new NodeOptions(
                    base.db(),
                    base.prefix(),
                    "a",
                    base.artifacts(),
                    base.smtpPort(),
                    4,
                    500,
                    heartbeatMs,
                    missed,
                    3_000,
                    800,
                    400,
                    0,
                    0,
                    0,
                    null);
            r.put("schedules", n);
            r.put("heartbeat", heartbeatMs == 0 ? "library default (5 s x 6)" : heartbeatMs + " ms x " + missed);
            r.put("generation_ms", base.generationMs());
            r.put("send_delay_ms", base.sendDelayMs() + " before, " + base.afterSendMs() + " after the SMTP send");
            trial.createSchedules(n);
            Instance a = trial.start(base);
            Instance b = trial.start(base.named("b"));
            Instant released = trial.release();
            // The victim is the instance that has work in flight (lock-and-fetch polling may hand a small batch to
            // one instance). Prefer a moment with both kinds in flight, but not for long: on a quiet machine the
            // short variant's work is done within seconds, and a kill after that would hit nothing.
            boolean both = Trial.await(Duration.ofSeconds(10), () -> bothKinds(a) || bothKinds(b));
            Trial.await(Duration.ofSeconds(30), () -> busy(a) || busy(b));
            Instance victim = bothKinds(a) || (!bothKinds(b) && busy(a)) ? a : b;
            String name = victim == a ? "a" : "b";
            r.put("instances", "a, b; " + name + " killed" + (replacement ? ", c started" : ""));
            r.put(
                    "killed_while",
                    victim.generating() + " generations and " + victim.sending() + " deliveries in flight"
                            + (both ? "" : " (not both kinds in flight within 10 s)"));
            long held = trial.pickedBy(name);
            Instant killed = Instant.now();
            victim.kill();
            r.put("tasks_held_by_killed_instance", held);
            r.put("killed_after_s", Duration.between(released, killed).toMillis() / 1000.0);
            if (replacement) {
                trial.start(base.named("c"));
            }
            boolean takenOver = Trial.await(Duration.ofMinutes(5), () -> trial.pickedBy(name) == 0);
            Instant takeover = Instant.now();
            boolean done = Trial.await(Duration.ofMinutes(10), () -> trial.sentDeliveries() >= n);
            Instant finished = Instant.now();
            Thread.sleep(2_000); // a late repeat would arrive now
            r.put("takeover_s", takenOver ? Duration.between(killed, takeover).toMillis() / 1000.0 : null);
            r.put(
                    "all_delivered_after_kill_s",
                    done ? Duration.between(killed, finished).toMillis() / 1000.0 : null);
            r.put(
                    "takeover_bounded_by",
                    "heartbeatInterval x missedHeartbeatsLimit, plus up to three heartbeats (last beat before the"
                            + " kill, dead-execution check every two heartbeats)");
            Map<String, Object> facts = trial.facts(n);
            r.putAll(facts);
            r.put(
                    "ok",
                    done
                            && takenOver
                            && facts.get("slots_run_twice").equals(0L)
                            && facts.get("executions_succeeded").equals((long) n)
                            && facts.get("lost").equals(0)
                            && facts.get("emails_foreign").equals(0L));
        }
        return r;
    }

    private static boolean bothKinds(Instance i) {
        return i.generating() > 0 && i.sending() > 0;
    }

    private static boolean busy(Instance i) {
        return i.generating() + i.sending() > 0;
    }
}
