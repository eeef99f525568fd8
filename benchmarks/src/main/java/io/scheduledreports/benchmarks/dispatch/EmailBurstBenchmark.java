package io.scheduledreports.benchmarks.dispatch;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.benchmarks.harness.Args;
import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.benchmarks.harness.BenchReports;
import io.scheduledreports.benchmarks.harness.Machine;
import io.scheduledreports.benchmarks.harness.Results;
import io.scheduledreports.benchmarks.harness.TextTable;
import io.scheduledreports.benchmarks.harness.Timeline;
import io.scheduledreports.core.PollingSettings;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.delivery.email.EmailChannel;
import io.scheduledreports.delivery.email.EmailSettings;
import io.scheduledreports.delivery.email.SmtpSecurity;
import io.scheduledreports.jdbc.TableNames;
import io.scheduledreports.spi.DeliveryEvent;
import io.scheduledreports.spi.ExecutionEvent;
import io.scheduledreports.spi.ReportsListener;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * 10,000 schedules due in the same minute (all at its first second), each a small CSV e-mailed through the real
 * {@link EmailChannel} to an in-process GreenMail SMTP server: how long until the last one is delivered.
 *
 * <p>The schedules are created with the real clock for a time of day two hours ahead; the engine instances then run
 * on a clock shifted so that this time comes a few seconds after they started. No table is touched behind the
 * engine's back. Everything (engine, SMTP server) shares this JVM and the machine's cores.
 */
public final class EmailBurstBenchmark {

    /** The outcome. */
    public record Report(
            String benchmark,
            Machine machine,
            Map<String, Object> settings,
            double[] loadBefore,
            double[] loadAfter,
            long createMs,
            long startedBeforeDueMs,
            Timeline.Summary generated,
            Timeline.Summary delivered,
            long messagesReceived,
            Map<String, Object> verification,
            boolean targetMet) {}

    private EmailBurstBenchmark() {}

    /** Runs the benchmark. */
    public static Report run(Args args, PrintStream out) throws Exception {
        BenchDatabase db = BenchDatabase.from(args);
        int schedules = args.integer("schedules", 10_000, 1);
        int instances = args.integer("instances", 1, 1);
        int threads = args.integer("threads", 8, 1);
        int pool = args.integer("pool", threads + 2, 2);
        long pollingMs = args.millis("polling-ms", 1_000, 50).toMillis();
        int batchFiringSize = args.integer("batch-firing-size", PollingSettings.DEFAULT_BATCH_FIRING_SIZE, 0);
        int rows = args.integer("rows", 20, 0);
        int leadSeconds = args.integer("lead-s", 5, 1);
        int targetSeconds = args.integer("target-s", 60, 1);
        Duration timeout = Duration.ofSeconds(args.integer("timeout-s", 600, 10));
        Results results = Results.from(args);
        args.rejectUnused();
        db.requireReachable();

        Machine machine = Machine.now(db.serverVersion());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("schedules", schedules);
        settings.put("instances", instances);
        settings.put("threadsPerInstance", threads);
        settings.put("poolPerInstance", pool);
        settings.put("pollingMs", pollingMs);
        settings.put("batchFiringSize", batchFiringSize);
        settings.put("csvRows", rows);
        settings.put("targetSeconds", targetSeconds);
        settings.put("smtp", "GreenMail in this JVM, plain SMTP, one recipient per schedule");
        out.printf(
                "E-mail burst: %,d schedules due in the same minute, %d-row CSV each, e-mailed to GreenMail;"
                        + " %d instance(s) x %d threads, polling %d ms; %s%n",
                schedules, rows, instances, threads, pollingMs, machine.database());
        out.printf("Machine: %d cores, %s; load %s%n", machine.cores(), machine.jvm(), Machine.loadText());

        String prefix = BenchDatabase.randomPrefix();
        Path artifacts = Files.createTempDirectory("bench-email-");
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        List<ScheduledReports> nodes = new ArrayList<>();
        List<HikariDataSource> pools = new ArrayList<>();
        List<EmailChannel> channels = new ArrayList<>();
        try {
            Instant due = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
            long c0 = System.nanoTime();
            EmailChannel setupChannel = channel(smtp, threads);
            channels.add(setupChannel);
            try (HikariDataSource setupPool = db.pool("setup-" + prefix, 6);
                    ScheduledReports setup = BenchReports.engine(setupPool, prefix, artifacts)
                            .reportType(BenchReports.small(rows))
                            .channel(setupChannel)
                            .workerThreads(1)
                            .polling(PollingSettings.builder()
                                    .pollingInterval(Duration.ofHours(1))
                                    .build())
                            .instanceName("setup")
                            .build()) {
                setup.start();
                List<String> names = new ArrayList<>();
                for (int i = 0; i < schedules; i++) {
                    names.add("r" + i);
                }
                BenchReports.createDaily(setup, names, "small", due, EmailChannel.ID);
            }
            long createMs = (System.nanoTime() - c0) / 1_000_000;
            db.analyze(prefix);
            out.printf("Created %,d schedules in %.1f s (due at %s)%n", schedules, createMs / 1000.0, due);

            Clock clock = Clock.offset(
                    Clock.systemUTC(), Duration.between(Instant.now().plusSeconds(leadSeconds), due));
            Timeline generated = new Timeline(schedules);
            Timeline delivered = new Timeline(schedules);
            ReportsListener listener = new ReportsListener() {
                @Override
                public void executionSucceeded(ExecutionEvent event) {
                    generated.record(clock.millis());
                }

                @Override
                public void deliverySent(DeliveryEvent event) {
                    delivered.record(clock.millis());
                }
            };
            double[] loadBefore = Machine.loadAverage();
            for (int i = 0; i < instances; i++) {
                HikariDataSource p = db.pool("node-" + i, pool);
                pools.add(p);
                EmailChannel ch = channel(smtp, threads);
                channels.add(ch);
                nodes.add(BenchReports.engine(p, prefix, artifacts)
                        .reportType(BenchReports.small(rows))
                        .channel(ch)
                        .clock(clock)
                        .workerThreads(threads)
                        .polling(PollingSettings.builder()
                                .pollingInterval(Duration.ofMillis(pollingMs))
                                .batchFiringSize(batchFiringSize)
                                .build())
                        .instanceName("node-" + i)
                        .listener(listener)
                        .build());
            }
            nodes.forEach(ScheduledReports::start);
            long startedBeforeDue = due.toEpochMilli() - clock.millis();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (delivered.size() < schedules && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            for (ScheduledReports node : nodes) {
                node.close();
            }
            nodes.clear();
            double[] loadAfter = Machine.loadAverage();

            Timeline.Summary gen = Timeline.summarize(generated.toArray(), due.toEpochMilli());
            Timeline.Summary sent = Timeline.summarize(delivered.toArray(), due.toEpochMilli());
            long received = smtp.getReceivedMessages().length;
            TableNames t = new TableNames(prefix);
            Map<String, Object> verification = new LinkedHashMap<>();
            long executions = db.count("SELECT COUNT(*) FROM " + t.executions());
            long succeeded = db.count("SELECT COUNT(*) FROM " + t.executions() + " WHERE status = 'SUCCEEDED'");
            long sentOnce =
                    db.count("SELECT COUNT(*) FROM " + t.deliveries() + " WHERE status = 'SENT' AND attempts = 1");
            verification.put("executions", executions);
            verification.put("succeeded", succeeded);
            verification.put("deliveriesSentAtFirstAttempt", sentOnce);
            verification.put("messagesReceived", received);
            boolean ok = executions == schedules
                    && succeeded == schedules
                    && sentOnce == schedules
                    && received == schedules
                    && sent.count() == schedules;
            verification.put("ok", ok);
            boolean met = ok && sent.lastMs() < targetSeconds * 1000L;

            out.println();
            TextTable table = new TextTable("after due (s)", "first", "10 %", "50 %", "90 %", "all", "per second");
            table.row(
                    "generated",
                    sec(gen.firstMs()),
                    sec(gen.p10Ms()),
                    sec(gen.p50Ms()),
                    sec(gen.p90Ms()),
                    sec(gen.lastMs()),
                    String.format(Locale.ROOT, "%.0f", gen.perSecond()));
            table.row(
                    "delivered",
                    sec(sent.firstMs()),
                    sec(sent.p10Ms()),
                    sec(sent.p50Ms()),
                    sec(sent.p90Ms()),
                    sec(sent.lastMs()),
                    String.format(Locale.ROOT, "%.0f", sent.perSecond()));
            table.print(out);
            out.printf(
                    Locale.ROOT,
                    "%nLast of %,d e-mails delivered %.1f s after they were due (target < %d s): %s."
                            + " GreenMail received %,d messages; checks %s. Load before %.2f, after %s%n",
                    schedules,
                    sent.lastMs() / 1000.0,
                    targetSeconds,
                    met ? "MET" : "MISSED",
                    received,
                    ok ? "ok" : "FAILED " + verification,
                    loadBefore[0],
                    Machine.loadText());
            Report report = new Report(
                    "email-burst",
                    machine,
                    settings,
                    loadBefore,
                    loadAfter,
                    createMs,
                    startedBeforeDue,
                    gen,
                    sent,
                    received,
                    verification,
                    met);
            out.println("Wrote " + results.writeJson("email-burst", report));
            return report;
        } finally {
            for (ScheduledReports node : nodes) {
                node.close();
            }
            pools.forEach(HikariDataSource::close);
            channels.forEach(EmailChannel::close);
            smtp.stop();
            db.dropTables(prefix);
            DispatchBenchmark.deleteTree(artifacts);
        }
    }

    private static EmailChannel channel(GreenMail smtp, int connections) {
        return EmailChannel.create(EmailSettings.builder()
                .host("127.0.0.1")
                .port(smtp.getSmtp().getPort())
                .security(SmtpSecurity.NONE)
                .from("reports@example.com")
                .maxIdleConnections(Math.min(EmailSettings.MAX_IDLE_CONNECTIONS_LIMIT, connections))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .build());
    }

    private static String sec(long ms) {
        return String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }
}
