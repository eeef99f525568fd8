package io.scheduledreports.benchmarks.dispatch;

import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.benchmarks.harness.Args;
import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.benchmarks.harness.BenchReports;
import io.scheduledreports.benchmarks.harness.Machine;
import io.scheduledreports.benchmarks.harness.PollingExplainer;
import io.scheduledreports.benchmarks.harness.Results;
import io.scheduledreports.benchmarks.harness.RoundTripCounter;
import io.scheduledreports.benchmarks.harness.ShiftedClock;
import io.scheduledreports.benchmarks.harness.TextTable;
import io.scheduledreports.benchmarks.harness.Timeline;
import io.scheduledreports.core.Execution;
import io.scheduledreports.core.ExecutionQuery;
import io.scheduledreports.core.Page;
import io.scheduledreports.core.PageRequest;
import io.scheduledreports.core.PollingSettings;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.DeliveryEvent;
import io.scheduledreports.spi.ExecutionEvent;
import io.scheduledreports.spi.ReportsListener;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scale: many active daily schedules (100,000 by default) of which some (10,000) fall due in the same minute, plus
 * optionally paused ones due in that same minute, on one instance: how late each due schedule's execution is
 * recorded (fire lateness), started and delivered. The other active schedules are spread over the rest of the day
 * (none within 20 minutes of the due minute), so they are there but not due.
 *
 * <p>Everything goes through the public API: the schedules are created with {@code ScheduledReports.create} from
 * several threads (paused ones then {@code pause}d), the instance runs on a {@link ShiftedClock} that makes the due
 * minute come a few seconds after it started, and the execution times are read back with
 * {@code ScheduledReports.executions}. On PostgreSQL, before the burst, an idle instance's own statements (its
 * polling) are recorded from the driver's log and explained with {@code EXPLAIN (ANALYZE, BUFFERS)}
 * ({@link PollingExplainer}) with all schedules, active and paused, in the tables.
 */
public final class ScaleBenchmark {

    /** p50, p99 and max of a lateness in milliseconds, with the count. */
    public record Lateness(int count, long p50Ms, long p99Ms, long maxMs) {
        static Lateness of(long[] latenessMs) {
            long[] s = latenessMs.clone();
            Arrays.sort(s);
            if (s.length == 0) {
                return new Lateness(0, -1, -1, -1);
            }
            return new Lateness(s.length, at(s, 0.50), at(s, 0.99), s[s.length - 1]);
        }

        private static long at(long[] sorted, double q) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
        }
    }

    /** The outcome. */
    public record Report(
            String benchmark,
            Machine machine,
            Map<String, Object> settings,
            long seedMs,
            double seedPerSecond,
            double[] loadBefore,
            double[] loadAfter,
            Lateness fire,
            Lateness started,
            Lateness delivered,
            Map<String, Object> verification,
            List<PollingExplainer.Explained> pollingPlans,
            Map<String, Long> idleStatements,
            boolean fireGoalMet) {}

    private ScaleBenchmark() {}

    /** Runs the benchmark. */
    public static Report run(Args args, PrintStream out) throws Exception {
        BenchDatabase db = BenchDatabase.from(args);
        int active = args.integer("schedules", 100_000, 1);
        int due = args.integer("due", 10_000, 1);
        int paused = args.integer("paused", 0, 0);
        int threads = args.integer("threads", 8, 1);
        int pool = args.integer("pool", threads + 2, 2);
        long pollingMs = args.millis("polling-ms", 1_000, 50).toMillis();
        int batchFiringSize = args.integer("batch-firing-size", PollingSettings.DEFAULT_BATCH_FIRING_SIZE, 0);
        int createThreads = args.integer("create-threads", 8, 1);
        String seed = args.string("seed", "bulk");
        int templates = args.integer("templates", 100, 1);
        boolean bulkDue = args.flag("bulk-due", true);
        int cloneBatch = args.integer("clone-batch", 5_000, 1);
        int verifyClones = args.integer("verify-clones", 20, 0);
        boolean seedOnly = args.flag("seed-only", false);
        int leadSeconds = args.integer("lead-s", 5, 1);
        int idleSeconds = args.integer("explain-idle-s", 5, 1);
        boolean explain = args.flag("explain", !db.isMariaDb());
        long goalP99Ms = args.integer("goal-p99-s", 5, 1) * 1000L;
        Duration timeout = Duration.ofSeconds(args.integer("timeout-s", 900, 10));
        Results results = Results.from(args);
        args.rejectUnused();
        if (!seed.equals("bulk") && !seed.equals("api")) {
            throw new IllegalArgumentException("--seed: bulk or api, was '" + seed + "'");
        }
        if (due > active) {
            throw new IllegalArgumentException("--due: at most --schedules (" + active + "), was " + due);
        }
        if (explain && db.isMariaDb()) {
            throw new IllegalArgumentException("--explain: PostgreSQL only (it reads the PostgreSQL driver's log)");
        }
        db.requireReachable();
        Machine machine = Machine.now(db.serverVersion());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("activeSchedules", active);
        settings.put("dueInTheSameMinute", due);
        settings.put("pausedDueInTheSameMinute", paused);
        settings.put("workerThreads", threads);
        settings.put("pool", pool);
        settings.put("pollingMs", pollingMs);
        settings.put("batchFiringSize", batchFiringSize);
        settings.put("createThreads", createThreads);
        ScaleSeeding seeding = new ScaleSeeding(seed.equals("bulk"), templates, bulkDue, cloneBatch, createThreads);
        settings.put("seeding", seeding.describe());
        settings.put("report", "noop (one column, no rows, real CSV formatter, local artifact store), no-op channel");
        settings.put("database", db.kind());
        out.printf(
                "Scale: %,d active daily schedules, %,d of them due in the same minute, %,d paused due then too;"
                        + " 1 instance x %d threads, polling %d ms; %s%n",
                active, due, paused, threads, pollingMs, machine.database());
        out.printf("Machine: %d cores, %s; load %s%n", machine.cores(), machine.jvm(), Machine.loadText());

        String prefix = BenchDatabase.randomPrefix();
        Path artifacts = Files.createTempDirectory("bench-scale-");
        try {
            Instant dueAt = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
            long s0 = System.nanoTime();
            ScaleSeeding.Seeded seeded;
            try (HikariDataSource setupPool = db.pool("setup-" + prefix, createThreads + 2);
                    ScheduledReports setup = EngineSystem.builder(setupPool, prefix, artifacts)
                            .workerThreads(1)
                            .polling(PollingSettings.builder()
                                    .pollingInterval(Duration.ofHours(1))
                                    .build())
                            .instanceName("setup")
                            .build()) {
                setup.start();
                // due ones (names d...), the rest (a...) spread over the day from 20 minutes after dueAt to 20
                // minutes before the time the shifted clock starts from (dueAt - 2 h), so none comes due on the way
                int minutesAway = 24 * 60 - 120 - 40;
                seeded = seeding.seed(
                        setup, db, prefix, due, active - due, paused, dueAt, minutesAway, verifyClones, out);
            }
            long seedMs = (System.nanoTime() - s0) / 1_000_000;
            int seededCount = active + paused;
            double seedRate = seededCount / Math.max(0.001, seedMs / 1000.0);
            db.analyze(prefix);
            out.printf(
                    Locale.ROOT,
                    "Seeded %,d schedules in %.1f s (%.0f/s), %s; due at %s%n",
                    seededCount,
                    seedMs / 1000.0,
                    seedRate,
                    seeding.bulk() ? "bulk" : "through the public API",
                    dueAt);
            settings.put("seeded", seeded.info());
            if (seedOnly) {
                Lateness none = Lateness.of(new long[0]);
                Map<String, Object> verification = new LinkedHashMap<>(seeded.info());
                Report report = new Report(
                        "scale-seed-only",
                        machine,
                        settings,
                        seedMs,
                        seedRate,
                        Machine.loadAverage(),
                        Machine.loadAverage(),
                        none,
                        none,
                        none,
                        verification,
                        List.of(),
                        Map.of(),
                        false);
                out.println("--seed-only: no engine run. Wrote "
                        + results.writeJson(db.isMariaDb() ? "scale-seeding-mariadb" : "scale-seeding", report));
                return report;
            }

            List<PollingExplainer.Explained> plans = List.of();
            Map<String, Long> idleStatements = Map.of();
            if (explain) {
                PollingExplainer explainer = PollingExplainer.install();
                BenchDatabase counting =
                        new BenchDatabase(RoundTripCounter.countingUrl(db.url()), db.user(), db.password());
                try (HikariDataSource p = counting.pool("idle-" + prefix, pool);
                        ScheduledReports idle = EngineSystem.builder(p, prefix, artifacts)
                                .workerThreads(threads)
                                .polling(PollingSettings.builder()
                                        .pollingInterval(Duration.ofMillis(pollingMs))
                                        .build())
                                .instanceName("idle")
                                .build()) {
                    idle.start();
                    Thread.sleep(Math.max(1_000, pollingMs)); // start-up statements first
                    explainer.reset();
                    Thread.sleep(idleSeconds * 1000L);
                    idleStatements = explainer.counts();
                } finally {
                    explainer.close();
                }
                long polls = Math.max(2, idleSeconds * 1000L / pollingMs / 2);
                plans = explainer.explain(db, (int) polls);
                out.printf("%nStatements of an idle instance in %d s: %s%n", idleSeconds, idleStatements);
                out.println("Polling statements explained (EXPLAIN (ANALYZE, BUFFERS), rolled back):");
                out.println(PollingExplainer.text(plans));
            }

            ShiftedClock clock = new ShiftedClock();
            Timeline started = new Timeline(due);
            Timeline delivered = new Timeline(due);
            AtomicInteger otherExecutions = new AtomicInteger();
            ReportsListener listener = new ReportsListener() {
                @Override
                public void executionStarted(ExecutionEvent event) {
                    if (event.scheduledFor() != null && event.scheduledFor().equals(dueAt)) {
                        started.record(clock.millis());
                    } else {
                        otherExecutions.incrementAndGet();
                    }
                }

                @Override
                public void deliverySent(DeliveryEvent event) {
                    delivered.record(clock.millis());
                }
            };
            double[] loadBefore = Machine.loadAverage();
            try (HikariDataSource p = db.pool("node-" + prefix, pool);
                    ScheduledReports node = EngineSystem.builder(p, prefix, artifacts)
                            .clock(clock)
                            .workerThreads(threads)
                            .polling(PollingSettings.builder()
                                    .pollingInterval(Duration.ofMillis(pollingMs))
                                    .batchFiringSize(batchFiringSize)
                                    .build())
                            .instanceName("node-0")
                            .listener(listener)
                            .build()) {
                clock.dueAt(dueAt, System.currentTimeMillis() + leadSeconds * 1000L);
                node.start();
                long deadline = System.nanoTime() + timeout.toNanos();
                while (delivered.size() < due && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(Math.max(1_000, 2 * pollingMs)); // anything fired by mistake shows up now
                double[] loadAfter = Machine.loadAverage();

                List<Execution> dueExecutions = executionsOf(node, dueAt);
                long[] fire = dueExecutions.stream()
                        .mapToLong(e -> Duration.between(dueAt, e.createdAt()).toMillis())
                        .toArray();
                long clonesFired = dueExecutions.stream()
                        .filter(e -> seeded.clonedDue().contains(e.scheduleId()))
                        .count();
                Lateness fireL = Lateness.of(fire);
                Lateness startedL = Lateness.of(relative(started.toArray(), dueAt));
                Lateness deliveredL = Lateness.of(relative(delivered.toArray(), dueAt));
                Map<String, Object> verification = new LinkedHashMap<>();
                verification.put("executionsOfTheDueMinute", fire.length);
                verification.put("started", startedL.count());
                verification.put("delivered", deliveredL.count());
                verification.put("otherExecutionsStarted", otherExecutions.get());
                verification.put("clonedDueSchedules", seeded.clonedDue().size());
                verification.put("clonedDueSchedulesFired", clonesFired);
                boolean ok = fire.length == due
                        && clonesFired == seeded.clonedDue().size()
                        && startedL.count() == due
                        && deliveredL.count() == due
                        && otherExecutions.get() == 0;
                verification.put("ok", ok);
                boolean met = ok && fireL.p99Ms() <= goalP99Ms;

                out.println();
                TextTable table = new TextTable("after due (s)", "p50", "p99", "max", "count");
                table.row(
                        "execution recorded (fire)",
                        sec(fireL.p50Ms()),
                        sec(fireL.p99Ms()),
                        sec(fireL.maxMs()),
                        fireL.count());
                table.row(
                        "generation started",
                        sec(startedL.p50Ms()),
                        sec(startedL.p99Ms()),
                        sec(startedL.maxMs()),
                        startedL.count());
                table.row(
                        "delivered",
                        sec(deliveredL.p50Ms()),
                        sec(deliveredL.p99Ms()),
                        sec(deliveredL.maxMs()),
                        deliveredL.count());
                table.print(out);
                out.printf(
                        Locale.ROOT,
                        "%np99 fire lateness %.1f s (goal <= %d s): %s; checks %s. Load before %.2f, after %s%n",
                        fireL.p99Ms() / 1000.0,
                        goalP99Ms / 1000,
                        met ? "MET" : "MISSED",
                        ok ? "ok" : "FAILED " + verification,
                        loadBefore[0],
                        Machine.loadText());
                Report report = new Report(
                        "scale",
                        machine,
                        settings,
                        seedMs,
                        seedRate,
                        loadBefore,
                        loadAfter,
                        fireL,
                        startedL,
                        deliveredL,
                        verification,
                        plans,
                        idleStatements,
                        met);
                out.println("Wrote " + results.writeJson(db.isMariaDb() ? "scale-mariadb" : "scale", report));
                return report;
            }
        } finally {
            db.dropTables(prefix);
            DispatchBenchmark.deleteTree(artifacts);
        }
    }

    /** The executions of the due minute, read through the public API. */
    private static List<Execution> executionsOf(ScheduledReports reports, Instant dueAt) {
        List<Execution> due = new ArrayList<>();
        for (int t = 0; t < BenchReports.TENANTS; t++) {
            Actor actor = Actor.of("t" + t, "owner");
            for (int page = 0; ; page++) {
                Page<Execution> p = reports.executions(
                        actor,
                        new ExecutionQuery(
                                null, null, null, null, null, null, PageRequest.of(page, PageRequest.MAX_SIZE)));
                for (Execution e : p.items()) {
                    if (dueAt.equals(e.scheduledFor())) {
                        due.add(e);
                    }
                }
                if (!p.hasNext()) {
                    break;
                }
            }
        }
        return due;
    }

    private static long[] relative(long[] epochMillis, Instant dueAt) {
        return Arrays.stream(epochMillis).map(m -> m - dueAt.toEpochMilli()).toArray();
    }

    private static String sec(long ms) {
        return ms < 0 ? "-" : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }
}
