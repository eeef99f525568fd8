package io.scheduledreports.benchmarks.harness;

import io.scheduledreports.benchmarks.dispatch.DispatchBenchmark;
import io.scheduledreports.benchmarks.dispatch.EmailBurstBenchmark;
import io.scheduledreports.benchmarks.dispatch.FairnessBenchmark;
import io.scheduledreports.benchmarks.dispatch.LargeReportBenchmark;
import io.scheduledreports.benchmarks.dispatch.ScaleBenchmark;
import java.io.PrintStream;
import java.util.List;

/**
 * The macro benchmarks' entry point.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.scheduledreports.benchmarks.harness.Macro BENCHMARK [--option=value ...]
 * </pre>
 *
 * BENCHMARK is {@code dispatch}, {@code email}, {@code scale}, {@code fairness}, {@code large} or {@code audit}. Every benchmark prints a table
 * and writes {@code benchmarks/results/<name>-<date>.json}; see {@code benchmarks/README.md} for the options.
 */
public final class Macro {
    private Macro() {}

    /** Runs one benchmark. */
    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        List<String> names = args.positional();
        if (names.size() != 1) {
            usage(System.err);
            System.exit(2);
            return;
        }
        Logging.level(args.string("log-level", "WARN"));
        try {
            run(names.get(0), args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            usage(System.err);
            System.exit(2);
        }
        System.exit(0);
    }

    /** Runs the named benchmark; returns its report. */
    public static Object run(String name, Args args, PrintStream out) throws Exception {
        return switch (name) {
            case "dispatch" -> DispatchBenchmark.run(args, out);
            case "email" -> EmailBurstBenchmark.run(args, out);
            case "fairness" -> FairnessBenchmark.run(args, out);
            case "scale" -> ScaleBenchmark.run(args, out);
            case "large" -> LargeReportBenchmark.run(args, out);
            case "audit" -> io.scheduledreports.benchmarks.audit.AuditQueryBenchmark.run(args, out);
            default -> throw new IllegalArgumentException("unknown benchmark '" + name + "'");
        };
    }

    private static void usage(PrintStream err) {
        err.println("usage: Macro dispatch|email|scale|fairness|large|audit [--option=value ...]");
        err.println("  dispatch  N no-op reports due at once on 1-3 instances vs raw db-scheduler, Quartz, JobRunr");
        err.println("  email     10,000 small CSV reports due in the same minute, e-mailed to in-process GreenMail");
        err.println("  scale     100,000 active schedules, 10,000 due in the same minute: fire/delivery lateness");
        err.println("  fairness  a tenant floods 1,000 generations at its limit; another tenant's start latency");
        err.println("  audit     audit query API on PostgreSQL with --rows audit events (default 1,000,000)");
        err.println("  large     1M-row CSV and XLSX through the whole pipeline in a -Xmx64m child JVM");
        err.println("            (--store=local|s3|both: local directory, S3 on an in-process S3Proxy, or both)");
        err.println("common: --jdbc-url --db-user --db-password --results-dir --log-level");
        err.println("        (dispatch, email, scale: PostgreSQL or --jdbc-url=jdbc:mariadb://127.0.0.1:3306/test)");
    }
}
