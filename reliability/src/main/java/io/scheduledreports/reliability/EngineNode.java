package io.scheduledreports.reliability;

import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.benchmarks.harness.Args;
import io.scheduledreports.benchmarks.harness.BenchReports;
import io.scheduledreports.benchmarks.harness.ChildJvm;
import io.scheduledreports.benchmarks.harness.Logging;
import io.scheduledreports.core.DiskGuard;
import io.scheduledreports.core.PollingSettings;
import io.scheduledreports.core.Quotas;
import io.scheduledreports.core.RetryPolicy;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.artifact.LocalDirectoryArtifactStore;
import io.scheduledreports.delivery.email.EmailChannel;
import io.scheduledreports.delivery.email.EmailSettings;
import io.scheduledreports.delivery.email.SmtpSecurity;
import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.DeliveryChannel;
import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportType;
import io.scheduledreports.spi.ReportTypes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One engine instance in its own JVM, the unit the reliability suite kills: the real engine on the real database,
 * the real local artifact store (declared shared) or the S3 store ({@code --s3-endpoint}, {@code --s3-bucket},
 * {@code --s3-key-prefix}: the runner's S3Proxy), the real e-mail channel to the runner's SMTP server. Its report
 * type {@value #REPORT} writes 50 rows and takes {@code --generation-ms}; its channel waits {@code --send-delay-ms}
 * before and {@code --after-send-ms} after each SMTP send, to widen the windows a kill falls into.
 *
 * <p>Protocol ({@link ChildJvm}): prints {@code @@READY}, then {@code @@INFLIGHT <generations> <deliveries>}
 * whenever that changes; {@code STOP} on stdin closes the engine and exits.
 */
public final class EngineNode {
    /** The report type id. */
    public static final String REPORT = "slow";

    private static final AtomicInteger GENERATING = new AtomicInteger();
    private static final AtomicInteger SENDING = new AtomicInteger();

    private EngineNode() {}

    /** Runs the instance; options as written by {@link NodeOptions#toArgs()}. */
    public static void main(String[] argv) throws Exception {
        NodeOptions o = NodeOptions.fromArgs(Args.parse(argv));
        Logging.level("WARN");
        Logging.level("io.scheduledreports.core.internal.Engine", "INFO");
        HikariDataSource pool;
        ScheduledReports reports;
        try {
            pool = o.db().pool(o.name(), o.threads() + 4, "reliability-" + o.name());
            reports = builder(pool, o).build();
            reports.start();
        } catch (Exception | Error e) {
            ChildJvm.message("FAILED " + e);
            e.printStackTrace(System.out);
            System.exit(1);
            return;
        }
        ChildJvm.message("READY");
        Thread.ofPlatform().daemon().name("inflight").start(() -> {
            String last = "";
            while (true) {
                String now = GENERATING.get() + " " + SENDING.get();
                if (!now.equals(last)) {
                    ChildJvm.message("INFLIGHT " + now);
                    last = now;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = in.readLine()) != null && !command.equals("STOP")) {
            // only STOP is understood
        }
        reports.close();
        pool.close();
        System.exit(0);
    }

    static ScheduledReports.Builder builder(javax.sql.DataSource pool, NodeOptions o) {
        ScheduledReports.Builder b = BenchReports.engine(pool, o.prefix(), Path.of(o.artifacts()))
                .artifactStore(
                        o.s3() != null ? o.s3().store() : LocalDirectoryArtifactStore.shared(Path.of(o.artifacts())))
                .reportType(slowReport(o.generationMs()))
                .channel(new SlowChannel(email(o.smtpPort()), o.sendDelayMs(), o.afterSendMs()))
                .instanceName(o.name())
                .workerThreads(o.threads())
                // the day and backup-restore scenarios fire every minute (every few seconds in the short variant)
                .quotas(Quotas.builder()
                        .maxSchedulesPerOwner(10_000_000)
                        .maxSchedulesPerTenant(10_000_000)
                        .minInterval(Duration.ZERO)
                        .build());
        PollingSettings.Builder polling = PollingSettings.builder().pollingInterval(Duration.ofMillis(o.pollingMs()));
        if (o.heartbeatMs() > 0) {
            polling.heartbeatInterval(Duration.ofMillis(o.heartbeatMs()));
        }
        if (o.missedHeartbeats() > 0) {
            polling.missedHeartbeatsLimit(o.missedHeartbeats());
        }
        b.polling(polling.build());
        if (o.retryMs() > 0 || o.attempts() > 0) {
            RetryPolicy.Builder retry = RetryPolicy.builder().jitter(0);
            if (o.attempts() > 0) {
                retry.maxAttempts(o.attempts());
            }
            if (o.retryMs() > 0) {
                retry.backoff(
                        Duration.ofMillis(o.retryMs()),
                        Duration.ofMillis(o.retryMs() * 2),
                        Duration.ofMillis(o.retryMs() * 4));
            }
            b.generationRetry(retry.build()).deliveryRetry(retry.build());
        }
        if (o.diskFloorMb() > 0) {
            b.diskGuard(new DiskGuard(o.diskFloorMb() << 20, o.diskFloorMb() << 20, null));
        }
        return b;
    }

    /** 50 rows of the benchmarks' wide row, spread over {@code millis}, stopping when cancelled. */
    static ReportType slowReport(long millis) {
        return ReportTypes.of(REPORT, (request, sink) -> {
            GENERATING.incrementAndGet();
            try {
                sink.columns(BenchReports.WIDE);
                for (int i = 0; i < 50; i++) {
                    sink.row(BenchReports.wideRow(i));
                    if (millis > 0) {
                        Thread.sleep(millis / 50);
                    }
                    request.cancellation().throwIfCancelled();
                }
            } finally {
                GENERATING.decrementAndGet();
            }
        });
    }

    private static EmailChannel email(int port) {
        return EmailChannel.create(EmailSettings.builder()
                .host("127.0.0.1")
                .port(port)
                .security(SmtpSecurity.NONE)
                .from("reports@example.com")
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(20))
                .build());
    }

    /** The e-mail channel with pauses around each send. */
    static final class SlowChannel implements DeliveryChannel {
        private final EmailChannel email;
        private final long before;
        private final long after;

        SlowChannel(EmailChannel email, long before, long after) {
            this.email = email;
            this.before = before;
            this.after = after;
        }

        @Override
        public String id() {
            return email.id();
        }

        @Override
        public void validateRecipient(Recipient recipient) {
            email.validateRecipient(recipient);
        }

        @Override
        public DeliveryResult deliver(Delivery delivery) throws Exception {
            SENDING.incrementAndGet();
            try {
                Thread.sleep(before);
                DeliveryResult result = email.deliver(delivery);
                Thread.sleep(after);
                return result;
            } finally {
                SENDING.decrementAndGet();
            }
        }
    }
}
