package io.scheduledreports.reliability;

import io.scheduledreports.delivery.email.internal.MessageIds;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scenario 6, a compressed day: three instances share schedules that fire every minute (1,000 for 15 minutes in
 * the long variant, 60 for 3 minutes in the short one); a third of the way in, one instance is killed with
 * {@code kill -9} while it has work in flight and started again (under a new name) a little later. Every slot of
 * the window must run exactly once (no missed slot, no slot twice) and every e-mail arrive once per idempotency key;
 * lateness is measured from the slot's time to the send.
 *
 * <p>The schedules use misfire policy {@code RUN_ALL} and overlap policy {@code QUEUE}, so that an engine that
 * lags behind still owes every slot: a missing slot is a lost run, never a run skipped by policy. The instances run
 * on the library defaults (heartbeat 5 s x 6), so the takeover is the one a host gets out of the box.
 */
final class DayScenario implements Scenario {
    private static final String EVERY_MINUTE =
            "{\"cadence\":\"cron\",\"cron_expression\":\"* * * * *\",\"timezone\":\"UTC\"}";

    @Override
    public String id() {
        return "day";
    }

    @Override
    public Map<String, Object> run(Context c) throws Exception {
        int n = c.longVariant() ? 1_000 : 60;
        int minutes = c.longVariant() ? 15 : 3;
        Duration downFor = c.longVariant() ? Duration.ofSeconds(90) : Duration.ofSeconds(45);
        Map<String, Object> r = new LinkedHashMap<>();
        try (Trial trial = new Trial(c.db(), null)) {
            NodeOptions o = trial.options("a");
            // library defaults for heartbeat, retries and attempts; a generation takes ~0.5 s, a send ~0.1 s
            o = new NodeOptions(
                    o.db(), o.prefix(), "a", o.artifacts(), o.smtpPort(), 6, 500, 0, 0, 500, 100, 0, 0, 0, 0, null);
            r.put("schedules", n);
            r.put("window_minutes", minutes);
            r.put("instances", "a, b, c; a killed, started again as a2 after " + downFor.toSeconds() + " s");
            r.put("worker_threads_per_instance", o.threads());
            r.put("heartbeat", "library default (5 s x 6)");
            r.put("misfire_overlap_policy", "RUN_ALL / QUEUE");
            Instant createStart = Instant.now();
            trial.createRecurring(n, EVERY_MINUTE);
            r.put(
                    "create_schedules_s",
                    Duration.between(createStart, Instant.now()).toMillis() / 1000.0);
            // the three start side by side (a JVM takes long to start on a busy machine)
            java.util.concurrent.CompletableFuture<Instance> startB = trial.startAsync(o.named("b"));
            java.util.concurrent.CompletableFuture<Instance> startC = trial.startAsync(o.named("c"));
            Instance a = trial.start(o);
            startB.join();
            startC.join();
            // the window: the first whole minute after every instance runs
            Instant windowStart = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            Instant windowEnd = windowStart.plus(Duration.ofMinutes(minutes));
            r.put("window", windowStart + " .. " + windowEnd);
            // kill a third of the way in, 10 s after a slot fell due (its work is then in flight)
            Instant killAt = windowStart
                    .plus(Duration.ofMinutes(Math.max(1, minutes / 3)))
                    .plusSeconds(10);
            sleepUntil(killAt);
            Trial.await(Duration.ofSeconds(20), () -> a.generating() + a.sending() > 0);
            r.put("killed_while", a.generating() + " generations and " + a.sending() + " deliveries in flight");
            r.put("tasks_held_by_killed_instance", trial.pickedBy("a"));
            Instant killed = Instant.now();
            a.kill();
            r.put("killed_at", killed.toString());
            boolean takenOver = Trial.await(downFor, () -> trial.pickedBy("a") == 0);
            Instant takeover = Instant.now();
            r.put("takeover_s", takenOver ? Duration.between(killed, takeover).toMillis() / 1000.0 : null);
            sleepUntil(killed.plus(downFor));
            if (!takenOver) {
                takenOver = Trial.await(Duration.ofMinutes(3), () -> trial.pickedBy("a") == 0);
                r.put(
                        "takeover_s",
                        takenOver ? Duration.between(killed, Instant.now()).toMillis() / 1000.0 : null);
            }
            // started again; the run goes on while its JVM starts (minutes on a busy machine)
            Instant restarting = Instant.now();
            r.put(
                    "restart_begun_after_kill_s",
                    Duration.between(killed, restarting).toMillis() / 1000.0);
            java.util.concurrent.CompletableFuture<Double> restarted = trial.startAsync(o.named("a2"))
                    .thenApply(i -> Duration.between(restarting, Instant.now()).toMillis() / 1000.0);
            // every slot of the window delivered (or give up 10 minutes after the window)
            long expected = (long) n * minutes;
            String windowFilter = " e.scheduled_for >= ? AND e.scheduled_for < ?";
            boolean done = Trial.await(Duration.between(Instant.now(), windowEnd.plus(Duration.ofMinutes(10))), () -> {
                try {
                    return trial.countSince(
                                    "SELECT COUNT(*) FROM " + trial.t.deliveries() + " d JOIN " + trial.t.executions()
                                            + " e ON e.id = d.execution_id WHERE d.status = 'SENT' AND"
                                            + windowFilter,
                                    windowStart,
                                    windowEnd)
                            >= expected;
                } catch (RuntimeException e) {
                    return false;
                }
            });
            Instant finished = Instant.now();
            r.put(
                    "window_delivered_after_window_end_s",
                    done ? Duration.between(windowEnd, finished).toMillis() / 1000.0 : null);
            Thread.sleep(2_000); // a late repeat would arrive now
            Double restartTook = null;
            try {
                restartTook = restarted.get(
                        Math.max(
                                1,
                                Duration.between(Instant.now(), restarting.plus(Duration.ofMinutes(10)))
                                        .toSeconds()),
                        java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                r.put("restart_failed", e.getMessage());
            }
            r.put("restarted_instance_ready_after_s", restartTook);
            Ledger ledger = Ledger.read(c.db(), trial.t);
            Map<String, Object> facts = windowFacts(ledger, trial.mail.countsById(), windowStart, windowEnd, expected);
            r.putAll(facts);
            r.put("dead_letters", trial.count("SELECT COUNT(*) FROM " + trial.t.deadLetters()));
            r.put("partial_files_left", trial.partialFiles());
            r.put(
                    "ok",
                    done
                            && takenOver
                            && restartTook != null
                            && facts.get("missed_slots").equals(0L)
                            && facts.get("slots_run_twice").equals(0L)
                            && facts.get("executions_not_succeeded").equals(0L)
                            && facts.get("emails_lost").equals(0L)
                            && facts.get("emails_duplicate_same_key").equals(0L)
                            && facts.get("emails_foreign").equals(0L));
        }
        return r;
    }

    /**
     * The checks over the slots of {@code [start, end)}: every schedule of the ledger owes one slot per minute.
     * {@code received} counts the e-mails by {@code Message-ID}.
     */
    static Map<String, Object> windowFacts(
            Ledger ledger, Map<String, Integer> received, Instant start, Instant end, long expected) {
        Map<String, Object> f = new LinkedHashMap<>();
        List<Ledger.Exec> inWindow = ledger.executions().stream()
                .filter(e ->
                        !e.scheduledFor().isBefore(start) && e.scheduledFor().isBefore(end))
                .toList();
        Map<String, Integer> perSlot = new java.util.HashMap<>();
        inWindow.forEach(e -> perSlot.merge(e.slot(), 1, Integer::sum));
        f.put("slots_expected", expected);
        f.put("executions_in_window", (long) inWindow.size());
        f.put("missed_slots", expected - perSlot.size());
        f.put("slots_run_twice", perSlot.values().stream().filter(v -> v > 1).count());
        f.put(
                "executions_not_succeeded",
                inWindow.stream().filter(e -> !"SUCCEEDED".equals(e.status())).count());
        Set<String> ids = new HashSet<>();
        inWindow.forEach(e -> ids.add(e.id()));
        Map<String, Ledger.Exec> byId = ledger.executionsById();
        List<Ledger.Send> sends = ledger.deliveries().stream()
                .filter(d -> ids.contains(d.executionId()))
                .toList();
        long lost = 0;
        long duplicates = 0;
        List<Double> lateness = new ArrayList<>();
        List<Double> fired = new ArrayList<>();
        for (Ledger.Send d : sends) {
            int times = received.getOrDefault(MessageIds.of(d.key()), 0);
            lost += times == 0 ? 1 : 0;
            duplicates += Math.max(0, times - 1);
            if (d.sentAt() != null) {
                lateness.add(Duration.between(byId.get(d.executionId()).scheduledFor(), d.sentAt())
                                .toMillis()
                        / 1000.0);
            }
        }
        for (Ledger.Exec e : inWindow) {
            fired.add(Duration.between(e.scheduledFor(), e.createdAt()).toMillis() / 1000.0);
        }
        Set<String> known = new HashSet<>();
        ledger.deliveries().forEach(d -> known.add(MessageIds.of(d.key())));
        f.put("deliveries_in_window", (long) sends.size());
        f.put("deliveries_retried", sends.stream().filter(d -> d.attempts() > 1).count());
        f.put(
                "emails_received_total",
                received.values().stream().mapToLong(Integer::longValue).sum());
        // a missed slot is a lost e-mail too (one recipient per schedule)
        f.put("emails_lost", lost + (expected - perSlot.size()));
        f.put("emails_duplicate_same_key", duplicates);
        f.put(
                "emails_foreign",
                received.keySet().stream().filter(id -> !known.contains(id)).count());
        lateness.sort(Comparator.naturalOrder());
        fired.sort(Comparator.naturalOrder());
        f.put("fired_after_due_p50_s", Trial.percentile(fired, 0.50));
        f.put("fired_after_due_p99_s", Trial.percentile(fired, 0.99));
        f.put("lateness_p50_s", Trial.percentile(lateness, 0.50));
        f.put("lateness_p99_s", Trial.percentile(lateness, 0.99));
        f.put("lateness_max_s", lateness.isEmpty() ? null : lateness.getLast());
        return f;
    }

    static void sleepUntil(Instant at) throws InterruptedException {
        long ms = Duration.between(Instant.now(), at).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }
}
