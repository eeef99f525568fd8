package io.scheduledreports.benchmarks.dispatch;

import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.benchmarks.harness.BenchReports;
import io.scheduledreports.benchmarks.harness.NoopChannel;
import io.scheduledreports.benchmarks.harness.ScheduleCloner;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spi.Actor;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * How {@link ScaleBenchmark} seeds its schedules: all through the public API ({@code --seed=api}), or
 * ({@code --seed=bulk}, the default) a few templates per group through the public API and the rest cloned from
 * them in SQL by {@link ScheduleCloner}, after checking that {@code create} wrote nothing the cloner does not copy;
 * a sample of clones is then compared with its templates row by row and through {@code get} and {@code list}.
 *
 * @param bulk clone (true) or create everything through the API
 * @param templates templates per group (due, not due, paused) at most
 * @param bulkDue whether the due schedules are cloned too (false: all created through the API)
 * @param cloneBatch clones per transaction
 * @param createThreads threads calling {@code create}
 */
record ScaleSeeding(boolean bulk, int templates, boolean bulkDue, int cloneBatch, int createThreads) {

    /** What seeding did: the ids of the cloned due schedules (their firing is checked), and figures. */
    record Seeded(Set<String> clonedDue, Map<String, Object> info) {}

    String describe() {
        if (!bulk) {
            return "ScheduledReports.create (public API), " + createThreads + " threads; pause() for paused";
        }
        return "bulk: up to " + templates + " templates per group through ScheduledReports.create (" + createThreads
                + " threads; pause() for paused), the rest cloned in SQL by ScheduleCloner, " + cloneBatch
                + " per transaction; due schedules " + (bulkDue ? "cloned too" : "all through the public API");
    }

    /**
     * Seeds {@code due} schedules at {@code dueAt}, {@code notDue} spread over {@code minutesAway} minutes from 20
     * minutes after {@code dueAt}, and {@code paused} paused ones at {@code dueAt}.
     */
    Seeded seed(
            ScheduledReports api,
            BenchDatabase db,
            String prefix,
            int due,
            int notDue,
            int paused,
            Instant dueAt,
            int minutesAway,
            int verifySample,
            PrintStream out)
            throws Exception {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("method", bulk ? "bulk" : "api");
        if (!bulk) {
            long t0 = System.nanoTime();
            create(api, due, i -> "d" + i, i -> dueAt, false, out);
            create(api, notDue, i -> "a" + i, i -> dueAt.plus(Duration.ofMinutes(20 + (i % minutesAway))), false, out);
            create(api, paused, i -> "p" + i, i -> dueAt, true, out);
            info.put("createdThroughApi", due + notDue + paused);
            info.put("apiMs", (System.nanoTime() - t0) / 1_000_000);
            return new Seeded(Set.of(), info);
        }
        ScheduleCloner cloner = new ScheduleCloner(db, prefix);
        Map<String, Long> before = cloner.rowCounts();
        long t0 = System.nanoTime();
        int dueTemplates = bulkDue ? Math.min(due, templates) : due;
        int notDueTemplates = Math.min(notDue, templates);
        int pausedTemplates = Math.min(paused, templates);
        List<ScheduledReport> d = create(api, dueTemplates, i -> "d" + i, i -> dueAt, false, out);
        // the not-due templates' times spread evenly over the window; their clones keep their template's time
        List<ScheduledReport> a = create(
                api,
                notDueTemplates,
                i -> "a" + i,
                i -> dueAt.plus(Duration.ofMinutes(20 + (long) i * minutesAway / notDueTemplates)),
                false,
                out);
        List<ScheduledReport> p = create(api, pausedTemplates, i -> "p" + i, i -> dueAt, true, out);
        long apiMs = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Long> after = cloner.rowCounts();
        ScheduleCloner.requireOnlyClonedTables(before, after);
        out.printf(
                Locale.ROOT,
                "  %,d templates created through the public API in %.1f s; rows they added: %s%n",
                d.size() + a.size() + p.size(),
                apiMs / 1000.0,
                difference(before, after));

        long t1 = System.nanoTime();
        List<ScheduleCloner.Clone> dueClones =
                cloner.cloneAll(templatesOf(d), due - dueTemplates, k -> "d" + (dueTemplates + k), cloneBatch);
        List<ScheduleCloner.Clone> notDueClones =
                cloner.cloneAll(templatesOf(a), notDue - notDueTemplates, k -> "a" + (notDueTemplates + k), cloneBatch);
        List<ScheduleCloner.Clone> pausedClones =
                cloner.cloneAll(templatesOf(p), paused - pausedTemplates, k -> "p" + (pausedTemplates + k), cloneBatch);
        long cloneMs = (System.nanoTime() - t1) / 1_000_000;
        int cloned = dueClones.size() + notDueClones.size() + pausedClones.size();
        out.printf(
                Locale.ROOT,
                "  %,d schedules cloned in SQL in %.1f s (%.0f/s)%n",
                cloned,
                cloneMs / 1000.0,
                cloned / Math.max(0.001, cloneMs / 1000.0));

        long t2 = System.nanoTime();
        Map<String, ScheduledReport> byId = new LinkedHashMap<>();
        for (List<ScheduledReport> group : List.of(d, a, p)) {
            for (ScheduledReport s : group) {
                byId.put(s.id(), s);
            }
        }
        int verified = 0;
        for (List<ScheduleCloner.Clone> group : List.of(dueClones, notDueClones, pausedClones)) {
            verified += cloner.verify(api, byId, group.subList(0, Math.min(verifySample, group.size())));
        }
        long verifyMs = (System.nanoTime() - t2) / 1_000_000;
        out.printf(
                Locale.ROOT,
                "  %d clones checked against their templates (rows, get, list) in %.1f s%n",
                verified,
                verifyMs / 1000.0);

        Map<String, Long> total = cloner.rowCounts();
        requireCount(total, "scheduled_reports", due + notDue + paused);
        info.put("templates", Map.of("due", d.size(), "notDue", a.size(), "paused", p.size()));
        info.put("apiMs", apiMs);
        info.put("rowsAddedByTemplates", difference(before, after));
        info.put(
                "cloned",
                Map.of("due", dueClones.size(), "notDue", notDueClones.size(), "paused", pausedClones.size()));
        info.put("cloneMs", cloneMs);
        info.put("clonesVerified", verified);
        info.put("verifyMs", verifyMs);
        info.put("rowsAfterSeeding", total);
        Set<String> clonedDue = new HashSet<>();
        dueClones.forEach(k -> clonedDue.add(k.id()));
        return new Seeded(clonedDue, info);
    }

    private static void requireCount(Map<String, Long> counts, String table, long expected) {
        if (counts.getOrDefault(table, 0L) != expected) {
            throw new IllegalStateException(
                    table + " has " + counts.get(table) + " rows after seeding, expected " + expected);
        }
    }

    private static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> diff = new LinkedHashMap<>();
        after.forEach((table, n) -> {
            long added = n - before.getOrDefault(table, 0L);
            if (added != 0) {
                diff.put(table, added);
            }
        });
        return diff;
    }

    private static List<ScheduleCloner.Template> templatesOf(List<ScheduledReport> created) {
        return created.stream()
                .map(s -> new ScheduleCloner.Template(s.id(), s.name()))
                .toList();
    }

    /**
     * Creates {@code n} daily schedules through the public API from {@link #createThreads} threads, over
     * {@link BenchReports#TENANTS} tenants; returns them (paused ones as {@code pause} returned them), in order.
     */
    private List<ScheduledReport> create(
            ScheduledReports reports,
            int n,
            IntFunction<String> name,
            IntFunction<Instant> at,
            boolean pause,
            PrintStream out)
            throws Exception {
        ScheduledReport[] created = new ScheduledReport[n];
        if (n == 0) {
            return List.of();
        }
        ExecutorService creators = Executors.newFixedThreadPool(createThreads);
        AtomicInteger done = new AtomicInteger();
        long t0 = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < createThreads; t++) {
                int first = t;
                futures.add(creators.submit(() -> {
                    for (int i = first; i < n; i += createThreads) {
                        Actor actor = Actor.of("t" + (i % BenchReports.TENANTS), "owner");
                        ScheduledReport s = reports.create(
                                actor,
                                BenchReports.daily(
                                        name.apply(i), "noop", "csv", at.apply(i), NoopChannel.ID, "x@example.com"));
                        created[i] = pause ? reports.pause(actor, s.id()) : s;
                        int c = done.incrementAndGet();
                        if (c % 20_000 == 0) {
                            out.printf(
                                    Locale.ROOT,
                                    "  %,d of %,d created (%.0f/s)%n",
                                    c,
                                    n,
                                    c / ((System.nanoTime() - t0) / 1e9));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            creators.shutdown();
        }
        return Arrays.asList(created);
    }
}
