package io.scheduledreports.core.internal;

import io.scheduledreports.core.FailureNotifications;
import io.scheduledreports.core.internal.Engine.Next;
import io.scheduledreports.core.internal.Rows.DeliveryRow;
import io.scheduledreports.core.internal.Rows.ExecutionRow;
import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.spi.Artifact;
import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.DeliveryChannel;
import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failure notifications: queued in the transaction that marks an execution failed (claimed once per execution
 * by {@code failure_notified_at}), one task per address, sent through the configured channel with a stable
 * idempotency key and retried by the delivery retry policy.
 */
final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    /** Task data: whom to tell, and how many attempts were made. */
    record Data(String address, int attempt) implements Serializable {}

    private final Engine engine;
    private final EngineConfig config;

    Notifier(Engine engine) {
        this.engine = engine;
        this.config = engine.config;
    }

    /** Called inside the failing transaction. */
    void queue(Handle h, String executionId, ScheduleRow s, Instant now) {
        FailureNotifications fn = config.failureNotifications();
        if (fn == null || !engine.executionTable.claimFailureNotification(h, executionId, now)) {
            return;
        }
        Set<String> addresses = new LinkedHashSet<>();
        try {
            fn.ownerAddresses().addressOf(s.tenantId(), s.ownerId()).ifPresent(addresses::add);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Owner address lookup failed for owner {} of tenant {}; notifying the fixed recipients only",
                    s.ownerId(),
                    s.tenantId(),
                    e);
        }
        addresses.addAll(fn.extraRecipients());
        addresses.addAll(engine.failures.tenantAdminsToTell(h, executionId, s.tenantId())); // issue 24
        int i = 0;
        for (String address : addresses) {
            engine.queueNotification(executionId + "/" + i++, new Data(address, 0), now);
        }
    }

    Next run(String taskId, Data data) {
        FailureNotifications fn = config.failureNotifications();
        String executionId = taskId.substring(0, taskId.lastIndexOf('/'));
        ExecutionRow e = engine.executionRow(executionId);
        if (fn == null || e == null) {
            return Next.DONE;
        }
        ScheduleRow s = engine.tx.read(
                h -> engine.scheduleTable.schedule(h, e.scheduleId()).orElse(null));
        DeliveryChannel channel = config.channels().get(fn.channel());
        if (s == null || channel == null) {
            LOG.error(
                    "Failure notification for execution {} cannot be sent: channel '{}' missing",
                    executionId,
                    fn.channel());
            return Next.DONE;
        }
        try (Mdc ignored = Mdc.of(e.tenantId(), e.scheduleId(), e.id())) {
            int attempt = data.attempt() + 1;
            List<DeliveryRow> deliveries = engine.tx.read(h -> engine.deliveryTable.deliveries(h, e.id()));
            byte[] text = describe(e, s, deliveries).getBytes(StandardCharsets.UTF_8);
            Artifact artifact = new TextArtifact("failure-" + e.id() + ".txt", text);
            ZoneId zone = ZoneId.of(s.timezone());
            Locale locale = Locale.forLanguageTag(s.locale());
            Recipient recipient = new Recipient(null, fn.channel(), data.address(), java.util.Map.of());
            String key = UUID.nameUUIDFromBytes(
                            (e.id() + "/failure/" + data.address()).getBytes(StandardCharsets.UTF_8))
                    .toString();
            Delivery delivery = new Delivery(
                    taskId,
                    key,
                    e.tenantId(),
                    s.id(),
                    e.id(),
                    s.name(),
                    recipient,
                    List.of(recipient),
                    artifact,
                    Dispatch.variables(s, e, artifact, zone, locale),
                    fn.options(),
                    locale,
                    zone,
                    e.scheduledFor(),
                    attempt);
            DeliveryResult result;
            try {
                result = channel.deliver(delivery);
            } catch (Exception ex) {
                result = DeliveryResult.failed(ErrorClassifier.classify(ex), Generation.describe(ex));
            }
            if (result != null && result.sent()) {
                LOG.info("Told {} that execution {} failed", data.address(), e.id());
                return Next.DONE;
            }
            ErrorCategory category = result == null ? ErrorCategory.CONFIGURATION : result.category();
            Optional<Duration> retryIn =
                    config.deliveryRetry().nextDelay(category, attempt, ThreadLocalRandom.current());
            if (retryIn.isEmpty()) {
                LOG.error(
                        "Failure notification to {} for execution {} failed for good [{}]: {}",
                        data.address(),
                        e.id(),
                        category,
                        result == null ? "no result" : result.message());
                return Next.DONE;
            }
            return Next.at(config.clock().instant().plus(retryIn.get()), new Data(data.address(), attempt));
        }
    }

    private static String describe(ExecutionRow e, ScheduleRow s, List<DeliveryRow> deliveries) {
        StringBuilder sb = new StringBuilder();
        sb.append("Scheduled report: ")
                .append(s.name())
                .append(" (schedule ")
                .append(s.id())
                .append(")\n");
        sb.append("Execution: ").append(e.id()).append('\n');
        sb.append("Scheduled for: ")
                .append(e.scheduledFor())
                .append(" (")
                .append(s.timezone())
                .append(")\n");
        sb.append("Status: ").append(e.status()).append('\n');
        if (e.errorCategory() != null) {
            sb.append("Generation failed [")
                    .append(e.errorCategory())
                    .append("] after ")
                    .append(e.attempt())
                    .append(" attempt(s): ")
                    .append(e.errorMessage())
                    .append('\n');
        }
        if ("PAUSED".equals(s.status()) && s.pausedReason() != null) {
            sb.append("The schedule was paused: ")
                    .append(s.pausedReason())
                    .append("\nAn admin or the owner can resume it once the access is restored.\n");
        }
        for (DeliveryRow d : deliveries) {
            if ("FAILED".equals(d.status())) {
                sb.append("Delivery to ")
                        .append(d.channel())
                        .append(':')
                        .append(d.destination())
                        .append(" failed [")
                        .append(d.errorCategory())
                        .append("] after ")
                        .append(d.attempts())
                        .append(" attempt(s): ")
                        .append(d.lastError())
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /** A small in-memory file. */
    record TextArtifact(String fileName, byte[] bytes) implements Artifact {
        @Override
        public String mediaType() {
            return "text/plain; charset=UTF-8";
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public String sha256() {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (java.security.NoSuchAlgorithmException ex) {
                throw new IllegalStateException(ex);
            }
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public Optional<URI> downloadLink() {
            return Optional.empty();
        }
    }
}
