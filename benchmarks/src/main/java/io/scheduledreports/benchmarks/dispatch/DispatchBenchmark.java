package io.scheduledreports.benchmarks.dispatch;

import io.scheduledreports.benchmarks.harness.Args;
import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.benchmarks.harness.LineChart;
import io.scheduledreports.benchmarks.harness.Machine;
import io.scheduledreports.benchmarks.harness.Results;
import io.scheduledreports.benchmarks.harness.Stats;
import io.scheduledreports.benchmarks.harness.TextTable;
import io.scheduledreports.benchmarks.harness.Timeline;
import io.scheduledreports.core.PollingSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Dispatch throughput: N items all due at once on 1, 2 and 3 instances of each system (Scheduled Reports, raw
 * db-scheduler, clustered Quartz, JobRunr) against one database (PostgreSQL or MariaDB), items completed per second.
 *
 * <p>Each trial has its own tables (random prefix), loads a warm-up batch and the measured batch due hours ahead,
 * starts the instances (child JVMs by default, each with its own pool), releases the warm-up batch and waits for
 * it, then releases the measured batch and measures from its release to the last completion. The peers' batches
 * are released with one transaction that makes them due now; the engine's by shifting its instances' clocks (public
 * API) so that the batch's time of day comes at one real instant.
 * Trials of the systems are interleaved and repeated, so that load from elsewhere on the machine hits all of them.
 */
public final class DispatchBenchmark {

    /** One trial: a system, a number of instances, one repetition. */
    public record Trial(
            String system,
            int instances,
            int repetition,
            int items,
            double[] loadBefore,
            Timeline.Summary summary,
            Map<String, Integer> perInstance,
            CpuPerItem cpuPerItem,
            MachineCpu machineCpu,
            Map<String, Object> verification,
            Map<String, Object> instanceInfo) {}

    /**
     * How busy the machine was while the measured batch ran, in cores (2 = both cores of a 2-core machine): in all,
     * by this trial's JVMs and database processes, by everything else, and stolen by the hypervisor.
     */
    public record MachineCpu(double busyCores, double ourCores, double otherCores, double stealCores) {}

    /**
     * CPU time per completed item, from the measured batch's release to its last completion: the instances' JVMs
     * (whole process) and their PostgreSQL server processes (from /proc, local server only; -1 when unknown).
     */
    public record CpuPerItem(double jvmMs, double databaseMs) {
        double total() {
            return jvmMs + Math.max(0, databaseMs);
        }
    }

    /** Aggregated over repetitions. */
    public record Point(
            String system,
            int instances,
            Stats perSecond,
            Stats p10to90PerSecond,
            Stats firstMs,
            Stats lastMs,
            Stats jvmCpuMsPerItem,
            Stats databaseCpuMsPerItem,
            Stats otherCores) {}

    /** Everything a run produced. */
    public record Report(
            String benchmark,
            Machine machine,
            Map<String, Object> settings,
            List<Trial> trials,
            List<Point> points,
            Map<String, Object> ratios,
            double[] loadAfter) {}

    private DispatchBenchmark() {}

    /** Runs with options (see {@code benchmarks/README.md}); prints tables, writes JSON and a PNG chart. */
    public static Report run(Args args, PrintStream out) throws Exception {
        BenchDatabase db = BenchDatabase.from(args);
        // long enough for the JIT in every instance's JVM: with 2,000 items after 500 warm-up the engine's JVM used
        // 2.9 ms CPU per item, with 10,000 after 3,000 1.1 ms; with 2,000 warm-up per instance 3 instances still
        // used 2.5 ms per item, with 5,000 1.7 ms (2026-11-23)
        int items = args.integer("schedules", 5_000, 1);
        int warmup = args.integer("warmup", 5_000, 0); // per instance: each JVM gets the same warm-up
        List<Integer> instanceCounts = args.integers("instances", "1,2,3", 1);
        int threads = args.integer("threads", 8, 1);
        int pool = args.integer("pool", threads + 2, 2);
        long pollingMs = args.millis("polling-ms", 100, 50).toMillis();
        int quartzBatch = args.integer("quartz-batch", threads, 1);
        int batchFiringSize = args.integer("batch-firing-size", PollingSettings.DEFAULT_BATCH_FIRING_SIZE, 0);
        List<SystemKind> systems = args.words("systems", "engine,db-scheduler,quartz,jobrunr").stream()
                .map(SystemKind::of)
                .toList();
        int repeat = args.integer("repeat", 3, 1);
        boolean fork = args.flag("fork", true);
        List<String> jvmOptions = new ArrayList<>(Arrays.asList(
                args.string("jvm-opts", "-Xmx512m -XX:+UseG1GC").trim().split("\\s+")));
        boolean jfr = args.flag("jfr", false);
        Path jfrDir = Path.of(args.string(
                "jfr-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "scheduled-reports-jfr")
                        .toString()));
        boolean countRoundTrips = args.flag("count-round-trips", false);
        Duration timeout = Duration.ofSeconds(args.integer("timeout-s", 600, 10));
        String logLevel = args.string("log-level", "WARN");
        boolean chart = args.flag("chart", true);
        Results results = Results.from(args);
        args.rejectUnused();

        if (countRoundTrips && !fork && instanceCounts.stream().anyMatch(n -> n > 1)) {
            throw new IllegalArgumentException(
                    "--count-round-trips counts per JVM: with --fork=false use --instances=1");
        }
        db.requireReachable();
        Machine machine = Machine.now(db.serverVersion());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("items", items);
        settings.put("warmupPerInstance", warmup);
        settings.put("instances", instanceCounts);
        settings.put("threadsPerInstance", threads);
        settings.put("poolPerInstance", pool);
        settings.put("pollingMs", pollingMs);
        settings.put("quartzIdleWaitMs", Math.max(1000, pollingMs));
        settings.put("quartzBatchTriggerAcquisitionMaxCount", quartzBatch);
        settings.put("engineBatchFiringSize", batchFiringSize);
        settings.put("systems", systems.stream().map(SystemKind::id).toList());
        settings.put("repeat", repeat);
        settings.put("separateJvms", fork);
        settings.put("jvmOptions", fork ? jvmOptions : List.of());
        settings.put("countRoundTrips", countRoundTrips);
        settings.put("jdbcUrl", db.url());
        settings.put("database", db.kind());
        settings.put(
                "jobrunrPollIntervalMs", JobRunrSystem.pollInterval(pollingMs).toMillis());

        out.printf(
                "Dispatch throughput: %,d items (+%,d warm-up per instance) due at once; %s instances x %d threads, pool %d,"
                        + " polling %d ms; %s; %d repetition(s); %s%n",
                items,
                warmup,
                instanceCounts,
                threads,
                pool,
                pollingMs,
                fork ? "one JVM per instance" : "all instances in this JVM",
                repeat,
                machine.database());
        out.printf(
                "Machine: %d cores (%s), %s; load %s%n%n",
                machine.cores(), machine.cpu(), machine.jvm(), Machine.loadText());

        List<Trial> trials = new ArrayList<>();
        for (int rep = 1; rep <= repeat; rep++) {
            for (int n : instanceCounts) {
                for (SystemKind system : systems) {
                    List<String> opts = new ArrayList<>(jvmOptions);
                    Trial trial = trial(
                            db,
                            system,
                            n,
                            rep,
                            items,
                            warmup,
                            threads,
                            pool,
                            pollingMs,
                            quartzBatch,
                            batchFiringSize,
                            fork,
                            opts,
                            jfr ? jfrDir : null,
                            countRoundTrips,
                            timeout,
                            logLevel,
                            out);
                    trials.add(trial);
                }
            }
        }

        List<Point> points = new ArrayList<>();
        for (SystemKind system : systems) {
            for (int n : instanceCounts) {
                List<Trial> mine = trials.stream()
                        .filter(t -> t.system().equals(system.id()) && t.instances() == n)
                        .toList();
                points.add(new Point(
                        system.id(),
                        n,
                        stats(mine, t -> t.summary().perSecond()),
                        stats(mine, t -> t.summary().p10to90PerSecond()),
                        stats(mine, t -> (double) t.summary().firstMs()),
                        stats(mine, t -> (double) t.summary().lastMs()),
                        stats(mine, t -> t.cpuPerItem().jvmMs()),
                        stats(mine, t -> t.cpuPerItem().databaseMs()),
                        stats(mine, t -> t.machineCpu().otherCores())));
            }
        }
        Map<String, Object> ratios = ratios(points, trials, instanceCounts);
        double[] loadAfter = Machine.loadAverage();

        out.println();
        out.printf("Items per second (median, min-max over %d repetition(s)):%n", repeat);
        TextTable table = new TextTable(
                "system",
                "instances",
                "items/s (due -> all done)",
                "spread",
                "all done (ms)",
                "first done (ms)",
                "items/s 10-90 %",
                "CPU ms/item: JVM",
                db.isMariaDb() ? "MariaDB (n/a)" : "PostgreSQL",
                "other load (cores)");
        for (Point p : points) {
            table.row(
                    SystemKind.of(p.system()).title(),
                    p.instances(),
                    p.perSecond().text(0),
                    String.format(Locale.ROOT, "%.0f %%", 100 * p.perSecond().spread()),
                    p.lastMs().text(0),
                    p.firstMs().text(0),
                    p.p10to90PerSecond().text(0),
                    String.format(Locale.ROOT, "%.2f", p.jvmCpuMsPerItem().median()),
                    String.format(Locale.ROOT, "%.2f", p.databaseCpuMsPerItem().median()),
                    p.otherCores().text(2));
        }
        table.print(out);
        if (!ratios.isEmpty()) {
            out.println();
            out.println(
                    "Scheduled Reports vs the others (ratio of median items/s; min-max of the per-repetition ratios):");
            TextTable r = new TextTable(
                    "instances", "vs raw db-scheduler (goal >= 0.5)", "vs Quartz (goal >= 4)", "vs JobRunr");
            for (int n : instanceCounts) {
                r.row(
                        n,
                        ratioText(ratios, "db-scheduler", n),
                        ratioText(ratios, "quartz", n),
                        ratioText(ratios, "jobrunr", n));
            }
            r.print(out);
        }
        if (countRoundTrips) {
            printRoundTrips(trials, out);
        }
        out.printf("%nLoad after: %s%n", Machine.loadText());

        // counting slows everything down: its run keeps its own file and never replaces the throughput results
        String name =
                (countRoundTrips ? "dispatch-round-trips" : "dispatch-throughput") + (db.isMariaDb() ? "-mariadb" : "");
        Report report = new Report(name, machine, settings, trials, points, ratios, loadAfter);
        Path json = results.writeJson(name, report);
        if (jfr) {
            out.println("Flight recordings in " + jfrDir + " (summarise with harness.JfrSummary)");
        }
        out.println("Wrote " + json);
        if (chart && !countRoundTrips) {
            Path png = chart(points, systems, machine, settings, results);
            out.println("Wrote " + png);
        }
        return report;
    }

    private static Trial trial(
            BenchDatabase db,
            SystemKind kind,
            int instances,
            int rep,
            int items,
            int warmup,
            int threads,
            int pool,
            long pollingMs,
            int quartzBatch,
            int batchFiringSize,
            boolean fork,
            List<String> jvmOptions,
            Path jfrDir,
            boolean countRoundTrips,
            Duration timeout,
            String logLevel,
            PrintStream out)
            throws Exception {
        BenchSystem system = BenchSystem.of(kind);
        String prefix = BenchDatabase.randomPrefix();
        Path artifacts = Files.createTempDirectory("bench-artifacts-");
        List<Node> nodes = new ArrayList<>();
        try {
            system.prepare(db, prefix, artifacts, warmup * instances, items);
            db.analyze(prefix);
            for (int i = 0; i < instances; i++) {
                NodeSpec spec = new NodeSpec(
                        kind,
                        "node-" + i,
                        db,
                        prefix,
                        threads,
                        pool,
                        pollingMs,
                        quartzBatch,
                        batchFiringSize,
                        artifacts.toString(),
                        countRoundTrips,
                        logLevel);
                List<String> opts = new ArrayList<>(jvmOptions);
                if (jfrDir != null) {
                    Files.createDirectories(jfrDir);
                    opts.add("-XX:StartFlightRecording=filename="
                            + jfrDir.resolve(kind.id() + "-" + instances + "x-rep" + rep + "-node" + i + ".jfr")
                            + ",settings=profile");
                }
                nodes.add(fork ? Node.forked(spec, opts) : Node.local(spec));
            }
            for (Node node : nodes) {
                node.awaitReady(Duration.ofSeconds(120));
            }
            if (warmup > 0) {
                system.release(db, prefix, BenchSystem.Batch.WARMUP, nodes);
                awaitCompleted(nodes, warmup * instances, timeout);
                for (Node node : nodes) {
                    node.reset();
                }
            }
            double[] loadBefore = Machine.loadAverage();
            String applicationName = BenchSystem.applicationName(nodes.getFirst().spec);
            Map<Integer, Long> serverCpuBefore = db.serverCpu(applicationName);
            Machine.CpuCounters machineBefore = Machine.CpuCounters.now();
            long origin = system.release(db, prefix, BenchSystem.Batch.MEASURED, nodes);
            boolean done = awaitCompleted(nodes, items, timeout);
            Machine.CpuCounters machineAfter = Machine.CpuCounters.now();
            Map<Integer, Long> serverCpuAfter = db.serverCpu(applicationName);
            List<Node.Result> results = new ArrayList<>();
            for (Node node : nodes) {
                results.add(node.stop(Duration.ofSeconds(60)));
            }
            long[] all = Timeline.merge(
                    results.stream().map(Node.Result::completions).toList());
            Timeline.Summary summary = Timeline.summarize(all, origin);
            Map<String, Integer> perInstance = new LinkedHashMap<>();
            Map<String, Object> info = new LinkedHashMap<>();
            for (Node.Result r : results) {
                perInstance.put(r.name(), r.completions().length);
                if (!r.info().isEmpty()) {
                    info.put(r.name(), r.info());
                }
            }
            long jvmCpuMs = results.stream()
                    .mapToLong(r -> ((Number) r.info().getOrDefault("jvmCpuMs", 0)).longValue())
                    .sum();
            long serverCpuMs = serverCpuAfter.isEmpty()
                    ? -1
                    : serverCpuAfter.entrySet().stream()
                            .mapToLong(e -> e.getValue() - serverCpuBefore.getOrDefault(e.getKey(), 0L))
                            .sum();
            CpuPerItem cpu = new CpuPerItem(
                    (double) jvmCpuMs / Math.max(1, all.length),
                    serverCpuMs < 0 ? -1 : (double) serverCpuMs / Math.max(1, all.length));
            long windowMs = Math.max(1, machineAfter.atMillis() - machineBefore.atMillis());
            double busy = machineAfter.busyCoresSince(machineBefore);
            double ours = (jvmCpuMs + Math.max(0, serverCpuMs)) / (double) windowMs;
            MachineCpu machineCpu =
                    new MachineCpu(busy, ours, busy - ours, machineAfter.stealCoresSince(machineBefore));
            Map<String, Object> verification = new LinkedHashMap<>(system.verify(db, prefix, items));
            verification.put("completions", all.length);
            verification.put("finishedInTime", done);
            boolean ok = Boolean.TRUE.equals(verification.get("ok")) && all.length == items && done;
            verification.put("ok", ok);
            out.printf(
                    Locale.ROOT,
                    "  %-26s %d inst. rep %d: %,6d done, first %5d ms, all %6d ms -> %6.0f/s (10-90 %%: %6.0f/s)"
                            + "  [%s] CPU/item %.2f+%.2f ms%s; cores busy %.2f, others %.2f, steal %.2f%n",
                    kind.title(),
                    instances,
                    rep,
                    all.length,
                    summary.firstMs(),
                    summary.lastMs(),
                    summary.perSecond(),
                    summary.p10to90PerSecond(),
                    perInstance.values().stream()
                            .map(String::valueOf)
                            .reduce((a, b) -> a + "/" + b)
                            .orElse(""),
                    cpu.jvmMs(),
                    cpu.databaseMs(),
                    ok ? "" : " NOT OK " + verification,
                    machineCpu.busyCores(),
                    machineCpu.otherCores(),
                    machineCpu.stealCores());
            return new Trial(
                    kind.id(),
                    instances,
                    rep,
                    items,
                    loadBefore,
                    summary,
                    perInstance,
                    cpu,
                    machineCpu,
                    verification,
                    info);
        } finally {
            for (Node node : nodes) {
                node.close();
            }
            db.dropTables(prefix);
            deleteTree(artifacts);
        }
    }

    private static Stats stats(List<Trial> trials, java.util.function.ToDoubleFunction<Trial> value) {
        return Stats.of(trials.stream().map(t -> value.applyAsDouble(t)).toList());
    }

    private static boolean awaitCompleted(List<Node> nodes, int expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (nodes.stream().mapToInt(Node::completed).sum() < expected) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /**
     * Ours over theirs, per instance count: the ratio of the medians, and the range of the ratios of trials run
     * back to back (same repetition), which share the machine's load of the moment.
     */
    private static Map<String, Object> ratios(List<Point> points, List<Trial> trials, List<Integer> instanceCounts) {
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (String other : List.of("db-scheduler", "quartz", "jobrunr")) {
            Map<String, Object> byInstances = new LinkedHashMap<>();
            for (int n : instanceCounts) {
                Point ours = find(points, "engine", n);
                Point theirs = find(points, other, n);
                if (ours == null || theirs == null) {
                    continue;
                }
                List<Double> paired = new ArrayList<>();
                for (Trial mine : trials) {
                    if (mine.system().equals("engine") && mine.instances() == n) {
                        trials.stream()
                                .filter(t -> t.system().equals(other)
                                        && t.instances() == n
                                        && t.repetition() == mine.repetition())
                                .findFirst()
                                .ifPresent(t -> paired.add(
                                        mine.summary().perSecond() / t.summary().perSecond()));
                    }
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put(
                        "ratioOfMedians",
                        ours.perSecond().median() / theirs.perSecond().median());
                r.put("pairedRatios", Stats.of(paired));
                r.put(
                        "ratioOfMediansP10to90",
                        ours.p10to90PerSecond().median()
                                / theirs.p10to90PerSecond().median());
                byInstances.put(Integer.toString(n), r);
            }
            if (!byInstances.isEmpty()) {
                ratios.put(ratioKey(other), byInstances);
            }
        }
        return ratios;
    }

    private static String ratioKey(String other) {
        return "engineVs"
                + switch (other) {
                    case "quartz" -> "Quartz";
                    case "jobrunr" -> "JobRunr";
                    default -> "DbScheduler";
                };
    }

    private static String ratioText(Map<String, Object> ratios, String other, int n) {
        if (!(ratios.get(ratioKey(other)) instanceof Map<?, ?> m)
                || !(m.get(Integer.toString(n)) instanceof Map<?, ?> r)) {
            return "-";
        }
        Stats paired = (Stats) r.get("pairedRatios");
        return String.format(Locale.ROOT, "%.2fx", (Double) r.get("ratioOfMedians"))
                + (paired.n() > 1 ? String.format(Locale.ROOT, " (%.2f-%.2f)", paired.min(), paired.max()) : "");
    }

    private static Point find(List<Point> points, String system, int instances) {
        return points.stream()
                .filter(p -> p.system().equals(system) && p.instances() == instances)
                .findFirst()
                .orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static void printRoundTrips(List<Trial> trials, PrintStream out) {
        out.println();
        out.println("What each system sent to the database per measured item (all instances, incl. polling):");
        for (Trial t : trials) {
            long roundTrips = 0;
            Map<String, Long> kinds = new LinkedHashMap<>();
            Map<String, Long> texts = new LinkedHashMap<>();
            for (Object o : t.instanceInfo().values()) {
                Map<String, Object> info = (Map<String, Object>) o;
                roundTrips += ((Number) info.getOrDefault("roundTrips", 0)).longValue();
                ((Map<String, Number>) info.getOrDefault("statementsByKind", Map.of()))
                        .forEach((k, v) -> kinds.merge(k, v.longValue(), Long::sum));
                ((Map<String, Number>) info.getOrDefault("statementsByText", Map.of()))
                        .forEach((k, v) -> texts.merge(k, v.longValue(), Long::sum));
            }
            double n = t.items();
            out.printf(
                    Locale.ROOT,
                    "%n%s, %d instance(s): %.1f round trips per item; statements per item:",
                    SystemKind.of(t.system()).title(),
                    t.instances(),
                    roundTrips / n);
            kinds.forEach((k, v) -> out.printf(Locale.ROOT, " %s %.2f", k, v / n));
            out.println();
            texts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(40)
                    .forEach(e -> out.printf(Locale.ROOT, "  %6.2f  %s%n", e.getValue() / n, e.getKey()));
        }
    }

    private static Path chart(
            List<Point> points,
            List<SystemKind> systems,
            Machine machine,
            Map<String, Object> settings,
            Results results) {
        LineChart chart = new LineChart(
                String.format(
                        Locale.ROOT,
                        "Dispatch throughput: %,d items due at once, %s",
                        (Integer) settings.get("items"),
                        "mariadb".equals(settings.get("database")) ? "MariaDB" : "PostgreSQL"),
                "instances (" + settings.get("threadsPerInstance") + " worker threads each"
                        + (Boolean.TRUE.equals(settings.get("separateJvms")) ? ", one JVM each)" : ", one JVM)"),
                "items completed per second (due -> all done)");
        for (SystemKind s : systems) {
            List<LineChart.Point> pts = points.stream()
                    .filter(p -> p.system().equals(s.id()))
                    .sorted(Comparator.comparingInt(Point::instances))
                    .map(p -> new LineChart.Point(
                            p.instances(),
                            p.perSecond().median(),
                            p.perSecond().min(),
                            p.perSecond().max()))
                    .toList();
            String label = s == SystemKind.ENGINE ? s.title() + " (report = fire + generate + deliver)" : s.title();
            chart.series(label, pts);
        }
        chart.footnote(String.format(
                Locale.ROOT,
                "%s; %d cores (%s), %s, %s. Median of %s run(s), bars min-max. Polling %s ms (Quartz at least"
                        + " 1 s, JobRunr at least 5 s), Quartz batch acquisition %s. Shared machine: see load in the"
                        + " JSON.",
                machine.at(),
                machine.cores(),
                machine.cpu(),
                machine.jvm(),
                machine.database(),
                settings.get("repeat"),
                settings.get("pollingMs"),
                settings.get("quartzBatchTriggerAcquisitionMaxCount")));
        String name =
                "mariadb".equals(settings.get("database")) ? "dispatch-throughput-mariadb" : "dispatch-throughput";
        return chart.writePng(results.file(name, "png"), 1000, 640);
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
