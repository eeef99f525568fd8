package io.scheduledreports.core.internal;

import io.scheduledreports.core.AuditAction;
import io.scheduledreports.core.ReportsNotFoundException;
import io.scheduledreports.core.ReportsRateLimitedException;
import io.scheduledreports.core.TestDeliveryOutcome;
import io.scheduledreports.core.internal.Rows.ExecutionRow;
import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Artifact;
import io.scheduledreports.spi.ConnectionCheck;
import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.DeliveryChannel;
import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test deliveries (a marked test message through one recipient's channel, synchronously) and channel connection
 * checks, both audited and limited per user.
 */
public final class TestSends {
    private static final Logger LOG = LoggerFactory.getLogger(TestSends.class);

    /** Test deliveries and connection checks one user may ask for per minute, on each instance. */
    public static final int PER_USER_PER_MINUTE = 5;

    private static final Duration WINDOW = Duration.ofMinutes(1);
    /** Prefix of the report name (and so of e-mail subjects) in test messages. */
    static final String MARK = "[TEST] ";

    private final Engine engine;
    private final EngineConfig config;
    private final ScheduleTable scheduleTable;
    private final RecipientTable recipientTable;
    private final ExecutionTable executionTable;
    private final AuditTable auditTable;
    private final Tx tx;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public TestSends(Engine engine) {
        this.engine = engine;
        this.config = engine.config;
        this.scheduleTable = engine.scheduleTable;
        this.recipientTable = engine.recipientTable;
        this.executionTable = engine.executionTable;
        this.auditTable = engine.auditTable;
        this.tx = engine.tx;
    }

    public TestDeliveryOutcome testDelivery(Actor actor, String scheduleId, String recipientId) {
        Objects.requireNonNull(actor, "actor");
        if (recipientId == null || recipientId.isBlank()) {
            throw new ReportsValidationException("recipient_id", "is required");
        }
        record Found(ScheduleRow s, Recipient r, List<Recipient> all, ExecutionRow last) {}
        Found found = tx.read(h -> {
            ScheduleRow s = scheduleTable
                    .schedule(h, actor.tenantId(), scheduleId)
                    .filter(x -> !"DELETED".equals(x.status()))
                    .orElseThrow(() -> new ReportsNotFoundException("schedule", scheduleId));
            if (!actor.isAdmin() && !actor.userId().equals(s.ownerId())) {
                boolean readable = config.visibility() == io.scheduledreports.core.Visibility.TENANT
                        || (config.visibility() == io.scheduledreports.core.Visibility.RECIPIENTS
                                && recipientTable.isRecipient(h, s.id(), actor.userId()));
                if (!readable) {
                    // Invisible to non-owners: answering "forbidden" would tell them it exists.
                    throw new ReportsNotFoundException("schedule", scheduleId);
                }
                throw new ReportsAccessDeniedException("schedule '" + s.id() + "' belongs to '" + s.ownerId()
                        + "'; only its owner or an admin may send a test delivery");
            }
            List<Recipient> all = recipientTable.recipients(h, s.id());
            Recipient r = all.stream()
                    .filter(x -> x.id().equals(recipientId))
                    .findFirst()
                    .orElseThrow(() -> new ReportsNotFoundException("recipient", recipientId));
            return new Found(
                    s, r, all, executionTable.lastGeneratedExecution(h, s.id()).orElse(null));
        });
        acquire(actor);
        ScheduleRow s = found.s();
        Recipient r = found.r();
        Instant now = config.clock().instant();
        ZoneId zone = ZoneId.of(s.timezone());
        Locale locale = Locale.forLanguageTag(s.locale());
        String testId = "test-" + SqlSupport.newId();
        Artifact artifact = found.last() == null
                ? null
                : new StoredArtifact(found.last(), config.artifactStore(), engine.downloadLink(found.last()));
        Map<String, String> variables = new HashMap<>();
        if (artifact != null) {
            variables.putAll(Dispatch.variables(s, found.last(), artifact, zone, locale));
        } else {
            artifact = placeholder(s);
            variables.put("report_type", s.reportType());
            variables.put("timezone", zone.getId());
            variables.put("row_count", "0");
            variables.put("file_name", artifact.fileName());
            variables.put("file_size", Dispatch.humanSize(artifact.size(), locale));
            variables.put("format", "txt");
            variables.put("download_url", "");
            variables.put("download_expires_at", "");
            variables.put("date", "");
            variables.put("scheduled_for", "");
        }
        variables.put("report_name", MARK + s.name());
        variables.put("execution_id", testId);
        variables.put("test", "true");
        DeliveryChannel channel = config.channels().get(r.channel());
        DeliveryResult result;
        if (channel == null) {
            result = DeliveryResult.failed(
                    ErrorCategory.CONFIGURATION,
                    "channel '" + r.channel() + "' is not registered on this instance; registered: "
                            + config.channels().keySet());
        } else {
            Delivery delivery = new Delivery(
                    testId,
                    testId,
                    s.tenantId(),
                    s.id(),
                    testId,
                    MARK + s.name(),
                    r,
                    all(found.all(), r),
                    artifact,
                    variables,
                    Json.readOptions(s.deliveryOptions()).getOrDefault(r.channel(), Map.of()),
                    locale,
                    zone,
                    found.last() == null ? now : found.last().scheduledFor(),
                    1);
            try {
                result = channel.deliver(delivery);
                if (result == null) {
                    result = DeliveryResult.failed(
                            ErrorCategory.CONFIGURATION, "channel '" + r.channel() + "' returned no result");
                }
            } catch (Throwable t) {
                result = DeliveryResult.failed(ErrorClassifier.classify(t), Generation.describe(t));
            }
        }
        DeliveryResult outcome = result;
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("recipient_id", r.id());
        audit.put("channel", r.channel());
        audit.put("destination", r.destination());
        audit.put("outcome", outcome.sent() ? "SENT" : "FAILED");
        if (!outcome.sent()) {
            audit.put("error_category", outcome.category().name());
        }
        audit.put("with_file", found.last() != null);
        tx.useTx(h -> auditTable.audit(
                h,
                s.tenantId(),
                actor.userId(),
                AuditAction.TEST_DELIVERY.name(),
                "schedule",
                s.id(),
                null,
                audit,
                now));
        LOG.info(
                "Test delivery of schedule {} to {}:{} by {}: {}",
                s.id(),
                r.channel(),
                r.destination(),
                actor.userId(),
                outcome.sent() ? "sent" : outcome.category() + " " + outcome.message());
        return new TestDeliveryOutcome(
                outcome.sent(),
                r.id(),
                r.channel(),
                r.destination(),
                found.last() == null ? null : found.last().artifactName(),
                outcome.sent() ? outcome.providerReference() : null,
                outcome.sent() ? null : outcome.category(),
                outcome.sent() ? null : outcome.message());
    }

    public ConnectionCheck checkChannel(Actor actor, String channelId, String destination) {
        Objects.requireNonNull(actor, "actor");
        if (!actor.isAdmin()) {
            throw new ReportsAccessDeniedException("only an admin may check a channel's connection");
        }
        DeliveryChannel channel = config.channels().get(channelId);
        if (channel == null) {
            throw new ReportsNotFoundException("channel", channelId);
        }
        if (destination == null || destination.isBlank()) {
            throw new ReportsValidationException("destination", "is required");
        }
        try {
            channel.validateRecipient(new Recipient(null, channelId, destination, Map.of()));
        } catch (ReportsValidationException e) {
            String prefix = e.field() + ": ";
            String message = e.getMessage();
            throw new ReportsValidationException(
                    "destination", message.startsWith(prefix) ? message.substring(prefix.length()) : message, e);
        }
        acquire(actor);
        ConnectionCheck check;
        try {
            check = channel.checkConnection(destination);
            if (check == null) {
                check = ConnectionCheck.failed(ErrorCategory.CONFIGURATION, "the channel returned no result", null);
            }
        } catch (ReportsValidationException e) {
            throw e;
        } catch (RuntimeException e) {
            check = ConnectionCheck.failed(ErrorClassifier.classify(e), Generation.describe(e), null);
        }
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("destination", destination);
        audit.put("status", check.status().name());
        if (check.category() != null) {
            audit.put("error_category", check.category().name());
        }
        Instant now = config.clock().instant();
        tx.useTx(h -> auditTable.audit(
                h,
                actor.tenantId(),
                actor.userId(),
                AuditAction.CHANNEL_CHECK.name(),
                "channel",
                channelId,
                null,
                audit,
                now));
        return check;
    }

    /** Counts one call of the user; refuses beyond {@value #PER_USER_PER_MINUTE} a minute. */
    private void acquire(Actor actor) {
        Instant now = config.clock().instant();
        Deque<Instant> calls =
                recent.computeIfAbsent(actor.tenantId() + "\u0000" + actor.userId(), k -> new ArrayDeque<>());
        synchronized (calls) {
            while (!calls.isEmpty() && !calls.peekFirst().plus(WINDOW).isAfter(now)) {
                calls.removeFirst();
            }
            if (calls.size() >= PER_USER_PER_MINUTE) {
                Duration wait = Duration.between(now, calls.peekFirst().plus(WINDOW));
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                throw new ReportsRateLimitedException(
                        "test_deliveries.per_user_per_minute",
                        "at most " + PER_USER_PER_MINUTE + " test deliveries and connection checks per minute per user",
                        Duration.ofSeconds(seconds));
            }
            calls.addLast(now);
        }
    }

    private static List<Recipient> all(List<Recipient> all, Recipient r) {
        List<Recipient> same =
                all.stream().filter(x -> x.channel().equals(r.channel())).toList();
        return same.isEmpty() ? List.of(r) : same;
    }

    private static Artifact placeholder(ScheduleRow s) {
        byte[] text = ("This is a test delivery of the scheduled report '" + s.name() + "'.\r\n"
                        + "The report has not been generated yet, so this file stands in for it.\r\n")
                .getBytes(StandardCharsets.UTF_8);
        String sha;
        try {
            sha = java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(text));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String digest = sha;
        return new Artifact() {
            @Override
            public String fileName() {
                return "test-delivery.txt";
            }

            @Override
            public String mediaType() {
                return "text/plain; charset=UTF-8";
            }

            @Override
            public long size() {
                return text.length;
            }

            @Override
            public String sha256() {
                return digest;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(text);
            }

            @Override
            public Optional<URI> downloadLink() {
                return Optional.empty();
            }
        };
    }
}
