package io.scheduledreports.reliability;

import io.scheduledreports.benchmarks.harness.Args;
import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.benchmarks.harness.Logging;
import io.scheduledreports.benchmarks.harness.Machine;
import io.scheduledreports.benchmarks.harness.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reliability suite: real engine processes, real faults, figures as JSON under {@code reliability/results}.
 *
 * <pre>
 * java -cp reliability/target/reliability.jar io.scheduledreports.reliability.Suite [scenario...] [--long]
 *     [--dry-run] [--jdbc-url=...] [--db-user=...] [--db-password=...] [--results-dir=...] [--store=local|s3]
 * </pre>
 *
 * Without scenario names it runs every scenario of the variant: the short variant skips those that restart a
 * server. {@code --dry-run} does everything but restarting a database server. {@code --store=s3} runs the engine
 * instances on the S3 artifact store (an S3Proxy in the runner) instead of a local directory; only scenarios that
 * support it may be named ({@code backup-restore}). Exit code 0 when every check held.
 */
public final class Suite {
    private Suite() {}

    /** Every scenario, in the order the suite runs them. */
    static List<Scenario> all() {
        return List.of(
                new KillScenario(false),
                new KillScenario(true),
                new SmtpOutageScenario(),
                new StorageOutageScenario(),
                new DiskFullScenario(),
                new DayScenario(),
                new BackupRestoreScenario(),
                new DatabaseRestartScenario());
    }

    /** Runs the suite; see the class comment for the options. */
    public static void main(String[] argv) throws Exception {
        List<String> withDir = new ArrayList<>(List.of(argv));
        if (withDir.stream().noneMatch(a -> a.startsWith("--results-dir"))) {
            withDir.add("--results-dir="
                    + (Files.isDirectory(Path.of("reliability", "src")) ? "reliability/results" : "results"));
        }
        Args args = Args.parse(withDir.toArray(String[]::new));
        Logging.level("WARN");
        List<Map<String, Object>> results = run(args);
        boolean ok = results.stream().allMatch(r -> Boolean.TRUE.equals(r.get("ok")));
        System.out.println(ok ? "All checks held." : "SOME CHECKS FAILED (see above).");
        System.exit(ok ? 0 : 1);
    }

    /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}), or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Runs the scenarios named in {@code args} (all of the variant when none) and writes their results. */
    static List<Map<String, Object>> run(Args args) throws Exception {
        boolean longVariant = args.flag("long", false);
        boolean dryRun = args.flag("dry-run", false);
        String store = args.string("store", Scenario.Context.LOCAL);
        BenchDatabase db = BenchDatabase.from(args);
        Results results = Results.from(args);
        List<String> names = args.positional();
        args.rejectUnused();
        List<Scenario> chosen = new ArrayList<>();
        for (Scenario s : all()) {
            boolean named = names.contains(s.id());
            if (named || (names.isEmpty() && (longVariant || !s.longOnly()))) {
                chosen.add(s);
            }
        }
        for (String name : names) {
            if (all().stream().noneMatch(s -> s.id().equals(name))) {
                throw new IllegalArgumentException("scenario: unknown '" + name + "'; known: "
                        + all().stream().map(Scenario::id).toList());
            }
        }
        for (Scenario s : chosen) {
            if (!s.stores().contains(store)) {
                throw new IllegalArgumentException("--store=" + store + ": scenario " + s.id() + " runs on "
                        + s.stores() + "; name a scenario that runs on it (e.g. backup-restore --store=s3)");
            }
        }
        db.requireReachable();
        Machine machine = Machine.now(db.serverVersion());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Scenario s : chosen) {
            System.out.printf("== %s (%s)%n", s.id(), longVariant ? "long" : "short");
            long t0 = System.nanoTime();
            String loadBefore = loadAverage();
            Map<String, Object> figures;
            try {
                figures = s.run(new Scenario.Context(db, longVariant, dryRun, store));
            } catch (Exception e) {
                figures = new LinkedHashMap<>();
                figures.put("error", e.toString());
                figures.put("ok", false);
                e.printStackTrace();
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("scenario", s.id());
            result.put("variant", longVariant ? "long" : "short");
            result.put("dry_run", dryRun);
            result.put("took_s", (System.nanoTime() - t0) / 1_000_000_000.0);
            result.put("machine", machine);
            // the machine may be shared: its load says how far the times can be trusted
            result.put("load_average_before", loadBefore);
            result.put("load_average_after", loadAverage());
            result.putAll(figures);
            figures.forEach((k, v) -> System.out.printf("   %-36s %s%n", k, v));
            // one file per database: a MariaDB run must not replace the PostgreSQL figures of the same day
            String database = db.url().startsWith("jdbc:postgresql:") ? "" : "-" + databaseKind(db.url());
            // and one per store: an S3 run must not replace the local directory's figures either
            String onStore = store.equals(Scenario.Context.LOCAL) ? "" : "-" + store;
            Path file = results.writeJson(s.id() + (longVariant ? "-long" : "") + database + onStore, result);
            System.out.printf("   -> %s%n", file);
            out.add(result);
        }
        return out;
    }

    /** "mariadb", "mysql", "h2", ... from a JDBC URL. */
    static String databaseKind(String url) {
        String rest = url.startsWith("jdbc:") ? url.substring(5) : url;
        int colon = rest.indexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }
}
