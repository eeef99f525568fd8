package io.scheduledreports.core.internal;

import io.scheduledreports.core.DeadLetter;
import io.scheduledreports.core.DeliveryStatus;
import io.scheduledreports.core.ExecutionStatus;
import io.scheduledreports.core.internal.Engine.Next;
import io.scheduledreports.core.internal.Rows.DeliveryRow;
import io.scheduledreports.core.internal.Rows.ExecutionRow;
import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.core.limits.ChannelRateLimit;
import io.scheduledreports.core.recipients.RecipientPolicy;
import io.scheduledreports.spi.Artifact;
import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.DeliveryChannel;
import io.scheduledreports.spi.DeliveryEvent;
import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.Durations;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.RetryLaterException;
import io.scheduledreports.spi.Trigger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one delivery attempt: SENDING, the channel, then SENT or a retry or a dead letter. */
final class Dispatch {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatch.class);
    private static final Set<String> SENDABLE = Set.of("PENDING", "SENDING");

    private final Engine engine;
    private final EngineConfig config;
    private final ScheduleTable scheduleTable;
    private final ExecutionTable executionTable;
    private final DeliveryTable deliveryTable;
    private final DeadLetterTable deadLetterTable;
    private final Tx tx;

    Dispatch(Engine engine) {
        this.engine = engine;
        this.config = engine.config;
        this.scheduleTable = engine.scheduleTable;
        this.executionTable = engine.executionTable;
        this.deliveryTable = engine.deliveryTable;
        this.deadLetterTable = engine.deadLetterTable;
        this.tx = engine.tx;
    }

    /**
     * What one delivery attempt reads before it starts, in one connection; {@code onlyDelivery} when it is known
     * to be the only delivery of its execution (then its SENT settles the execution without counting);
     * {@code claimed} when its first attempt was recorded SENDING by the transaction that handed it over.
     */
    private record Work(
            DeliveryRow d,
            ExecutionRow e,
            ScheduleRow s,
            RecipientStore.RunRecipients recipients,
            boolean onlyDelivery,
            boolean claimed) {
        List<Recipient> all() {
            return recipients.all();
        }

        /** A recipient who unsubscribed (or bounced) after the report was generated gets nothing either. */
        boolean recipientInactive() {
            return recipients.suppressed(d.recipientId());
        }
    }

    /** Runs a delivery task (a retry, a delivery after the first of a report, a recovered one). */
    Next run(String deliveryId) {
        return run(deliveryId, false);
    }

    /**
     * Sends, in the calling worker, a delivery that has no task row of its own (the task that generated its report
     * holds it). A wait for the channel's rate limit and a retry become tasks of their own; when the attempt itself
     * broke off (the database went away), the delivery is queued again after {@link Generation#BROKEN_RETRY}.
     */
    void runInline(String deliveryId) {
        try {
            run(deliveryId, true);
        } catch (RuntimeException broken) {
            brokeOff(deliveryId, broken);
        }
    }

    /**
     * A delivery that the generation just recorded, with the rows it wrote and read in that transaction: a
     * delivery handed over this way is sent without reading them again. {@code onlyDelivery} when the generation
     * recorded no other delivery for the execution. A handed-over delivery recorded SENDING (its first attempt,
     * committed with the generation's result) is sent without claiming its attempt again.
     */
    record Handover(
            DeliveryRow delivery,
            ExecutionRow execution,
            ScheduleRow schedule,
            RecipientStore.RunRecipients recipients,
            boolean onlyDelivery) {}

    /** {@link #runInline(String)} for the delivery a generation has just recorded. */
    void runInline(Handover handover) {
        try {
            Work work = new Work(
                    handover.delivery(),
                    handover.execution(),
                    handover.schedule(),
                    handover.recipients(),
                    handover.onlyDelivery(),
                    "SENDING".equals(handover.delivery().status()));
            run(work, true);
        } catch (RuntimeException broken) {
            brokeOff(handover.delivery().id(), broken);
        }
    }

    private void brokeOff(String deliveryId, RuntimeException broken) {
        Instant at = config.clock().instant().plus(Generation.BROKEN_RETRY);
        LOG.warn("Delivery {} broke off ({}); queueing it for {}", deliveryId, broken.toString(), at);
        engine.queueDelivery(deliveryId, at, Trigger.SCHEDULED);
    }

    private Next run(String deliveryId, boolean inline) {
        Work work = tx.read(h -> {
            DeliveryRow d = deliveryTable.delivery(h, deliveryId).orElse(null);
            if (d == null || !SENDABLE.contains(d.status())) {
                return null;
            }
            ExecutionRow e = executionTable.execution(h, d.executionId()).orElse(null);
            ScheduleRow s =
                    e == null ? null : scheduleTable.schedule(h, e.scheduleId()).orElse(null);
            // one read: all recipients, those that get deliveries now, and whose refusals are counted
            RecipientStore.RunRecipients recipients = s == null || "DELETED".equals(s.status())
                    ? RecipientStore.RunRecipients.NONE
                    : engine.recipients.forRun(h, s.id());
            return new Work(d, e, s, recipients, false, false);
        });
        if (work == null) {
            return Next.DONE;
        }
        return run(work, inline);
    }

    private Next run(Work work, boolean inline) {
        DeliveryRow d = work.d();
        ExecutionRow e = work.e();
        ScheduleRow s = work.s();
        if (e == null) {
            LOG.warn(
                    "Delivery {} belongs to execution {}, which no longer exists; dropping it",
                    d.id(),
                    d.executionId());
            return Next.DONE;
        }
        try (Mdc ignored = Mdc.of(e.tenantId(), e.scheduleId(), e.id(), d.id())) {
            Instant now = config.clock().instant();
            if (s == null || "DELETED".equals(s.status()) || work.recipientInactive()) {
                tx.useTx(h -> {
                    ExecutionRow locked =
                            executionTable.executionForUpdate(h, e.id()).orElse(null);
                    deliveryTable.setDeliveryStatus(h, d.id(), DeliveryStatus.CANCELLED, now);
                    settleExecution(h, locked, now);
                });
                return Next.DONE;
            }
            // a claimed delivery's channel has no rate limit: it was claimed because it could not have to wait
            Instant turn = work.claimed() ? null : rateLimitedTurn(d, work.all(), now);
            if (turn != null) {
                LOG.debug(
                        "Delivery {} to {} waits for its turn under the channel's rate limit at {}",
                        d.id(),
                        d.channel(),
                        turn);
                if (inline) {
                    engine.queueDelivery(d.id(), turn, e.trigger());
                    return Next.DONE;
                }
                return Next.at(turn); // deferred: no attempt used
            }
            // the attempt is claimed (SENDING committed) before the channel is called: a crash from here on
            // leaves the delivery to be sent again under its idempotency key, never lost
            if (!work.claimed() && !tx.single(h -> deliveryTable.markSending(h, d.id(), d.attempts(), now))) {
                return Next.DONE; // another instance took this attempt
            }
            int attempt = work.claimed() ? d.attempts() : d.attempts() + 1;
            DeliveryResult result;
            Throwable failure = null;
            try {
                result = refusedByPolicy(d, e, work.recipients().deliverable());
                if (result == null) {
                    result = send(d, e, s, work.all(), attempt);
                }
            } catch (Throwable t) {
                failure = t;
                result = DeliveryResult.failed(ErrorClassifier.classify(t), Generation.describe(t));
            }
            return result.sent() ? sent(work, attempt, result) : failed(d, e, s, attempt, result, failure, inline);
        }
    }

    /** When a channel rate limit makes this delivery wait: its turn; null when it may send now. */
    private Instant rateLimitedTurn(DeliveryRow d, List<Recipient> all, Instant now) {
        ChannelRateLimit limit = config.channelRateLimits().get(d.channel());
        if (limit == null) {
            return null;
        }
        Optional<Instant> reserved = engine.rates.reservation(d.id());
        if (reserved.isPresent()) {
            if (reserved.get().isAfter(now)) {
                return reserved.get(); // woken early
            }
            engine.rates.release(d.id());
            return null;
        }
        ChannelRates.Turn turn = engine.rates.take(d.channel(), rateKey(d, all), limit, now, d.id());
        return turn.reserved() ? turn.at() : null;
    }

    private String rateKey(DeliveryRow d, List<Recipient> all) {
        DeliveryChannel channel = config.channels().get(d.channel());
        if (channel == null) {
            return "";
        }
        Recipient recipient = all.stream()
                .filter(r -> r.id().equals(d.recipientId()))
                .findFirst()
                .orElse(new Recipient(d.recipientId(), d.channel(), d.destination(), Map.of()));
        try {
            String key = channel.rateKey(recipient);
            return key == null ? "" : key.length() > 255 ? key.substring(0, 255) : key;
        } catch (RuntimeException e) {
            LOG.warn(
                    "Channel '{}' failed to name the rate key of {}; counting it with the channel's others",
                    d.channel(),
                    d.destination(),
                    e);
            return "";
        }
    }

    private DeliveryResult send(DeliveryRow d, ExecutionRow e, ScheduleRow s, List<Recipient> all, int attempt)
            throws Exception {
        DeliveryChannel channel = config.channels().get(d.channel());
        if (channel == null) {
            return DeliveryResult.failed(
                    ErrorCategory.CONFIGURATION,
                    "channel '" + d.channel() + "' is not registered on this instance; registered: "
                            + config.channels().keySet());
        }
        if (e.artifactKey() == null) {
            return DeliveryResult.failed(ErrorCategory.SYSTEM, "execution " + e.id() + " has no artifact");
        }
        Recipient recipient = all.stream()
                .filter(r -> r.id().equals(d.recipientId()))
                .findFirst()
                .orElse(new Recipient(d.recipientId(), d.channel(), d.destination(), Map.of()));
        List<Recipient> sameChannel =
                all.stream().filter(r -> r.channel().equals(d.channel())).toList();
        ZoneId zone = ZoneId.of(s.timezone());
        Locale locale = Locale.forLanguageTag(s.locale());
        Map<String, String> options = Json.readOptions(s.deliveryOptions()).getOrDefault(d.channel(), Map.of());
        Artifact artifact = new StoredArtifact(e, config.artifactStore(), engine.downloadLink(e));
        Delivery delivery = new Delivery(
                d.id(),
                d.idempotencyKey(),
                e.tenantId(),
                s.id(),
                e.id(),
                s.name(),
                recipient,
                sameChannel.isEmpty() ? List.of(recipient) : sameChannel,
                artifact,
                withUnsubscribeLink(variables(s, e, artifact, zone, locale, engine.downloadLinkExpiry(e)), e, d),
                options,
                locale,
                zone,
                e.scheduledFor(),
                attempt,
                channel.sampleRows(options) > 0
                        ? RowCapture.read(tx.read(h -> executionTable.sampleRows(h, e.id())))
                        : io.scheduledreports.spi.RowSample.empty());
        DeliveryResult result = channel.deliver(delivery);
        if (result == null) {
            return DeliveryResult.failed(
                    ErrorCategory.CONFIGURATION, "channel '" + d.channel() + "' returned no result");
        }
        return result;
    }

    private Next sent(Work work, int attempt, DeliveryResult result) {
        DeliveryRow d = work.d();
        ExecutionRow e = work.e();
        Instant now = config.clock().instant();
        tx.useTx(h -> {
            if (work.onlyDelivery()) {
                // no other delivery of the execution can settle it meanwhile: no lock on it to read first
                if (deliveryTable.markSent(h, d.id(), attempt, result.providerReference(), now)) {
                    engine.bounces.reached(h, d, work.recipients().countsBounces(d.recipientId()));
                    settleOnlyDeliverySent(h, e, now);
                }
                return;
            }
            ExecutionRow locked = executionTable.executionForUpdate(h, e.id()).orElse(null);
            if (deliveryTable.markSent(h, d.id(), attempt, result.providerReference(), now)) {
                engine.bounces.reached(h, d, work.recipients().countsBounces(d.recipientId()));
                settleExecution(h, locked, now);
            }
        });
        LOG.info("Delivered to {}:{} (attempt {})", d.channel(), d.destination(), attempt);
        engine.events.publish(l -> l.deliverySent(event(d, e, attempt, null, null, now)));
        return Next.DONE;
    }

    private Next failed(
            DeliveryRow d,
            ExecutionRow e,
            ScheduleRow s,
            int attempt,
            DeliveryResult result,
            Throwable failure,
            boolean inline) {
        Instant now = config.clock().instant();
        ErrorCategory category = result.category();
        Optional<Duration> retryIn = retryDelay(category, attempt, failure);
        boolean last = retryIn.isEmpty();
        String detail = failure == null ? null : Text.stackSummary(failure, 6);
        tx.useTx(h -> {
            ExecutionRow locked = executionTable.executionForUpdate(h, e.id()).orElse(null);
            boolean marked = deliveryTable.markDeliveryFailed(
                    h,
                    d.id(),
                    attempt,
                    last ? DeliveryStatus.FAILED : DeliveryStatus.PENDING,
                    category,
                    result.message(),
                    now);
            if (marked && result.bounced()) {
                engine.bounces.bounced(h, s, d, result.message(), now);
            }
            if (marked) {
                engine.failures.record(h, e.tenantId(), e.id(), d.id(), attempt, category, result.message(), now);
            }
            if (marked && !last && inline) {
                engine.queueDelivery(d.id(), now.plus(retryIn.get()), e.trigger()); // with the failure's record
            }
            if (marked && last) {
                deadLetterTable.insertDeadLetter(
                        h,
                        e.tenantId(),
                        s.id(),
                        e.id(),
                        d.id(),
                        DeadLetter.Kind.DELIVERY,
                        category,
                        result.message(),
                        detail,
                        attempt,
                        now);
                settleExecution(h, locked, now);
            }
        });
        DeliveryEvent event = event(d, e, attempt, category, result.message(), now);
        engine.events.publish(l -> l.deliveryFailed(event));
        if (last) {
            LOG.error(
                    "Delivery to {}:{} failed for good after {} attempt(s) [{}]: {}",
                    d.channel(),
                    d.destination(),
                    attempt,
                    category,
                    result.message(),
                    failure);
            engine.events.publish(l -> l.deliveryDeadLettered(event));
            engine.afterDeadLetter(e.tenantId());
            return Next.DONE;
        }
        LOG.warn(
                "Delivery to {}:{} attempt {} failed [{}]: {}; retrying in {}",
                d.channel(),
                d.destination(),
                attempt,
                category,
                result.message(),
                Durations.format(retryIn.get()));
        return inline ? Next.DONE : Next.at(now.plus(retryIn.get()));
    }

    /**
     * How long until the next attempt after a failed one (the far side's Retry-After when later than our backoff);
     * empty when that was the last.
     */
    private Optional<Duration> retryDelay(ErrorCategory category, int attempt, Throwable failure) {
        // issue 24: a far side's Retry-After (429) is waited for as told, while attempts remain
        return config.deliveryRetry()
                .nextDelay(
                        category,
                        attempt,
                        failure instanceof RetryLaterException later ? later.retryAfter() : null,
                        ThreadLocalRandom.current());
    }

    /**
     * Sets the execution's final status once no delivery is pending. The caller holds the execution row lock
     * ({@code e} is the row it read when locking), so concurrent deliveries of one execution settle one after the
     * other and the last one decides.
     */
    void settleExecution(org.jdbi.v3.core.Handle h, ExecutionRow e, Instant now) {
        if (e == null || !ExecutionStatus.DELIVERING.name().equals(e.status())) {
            return;
        }
        String executionId = e.id();
        Map<DeliveryStatus, Long> counts = deliveryTable.deliveryCounts(h, executionId);
        if (counts.getOrDefault(DeliveryStatus.PENDING, 0L) + counts.getOrDefault(DeliveryStatus.SENDING, 0L) > 0) {
            return;
        }
        long sent = counts.getOrDefault(DeliveryStatus.SENT, 0L);
        long failed = counts.getOrDefault(DeliveryStatus.FAILED, 0L);
        ExecutionStatus status = failed == 0
                ? (sent == 0 ? ExecutionStatus.CANCELLED : ExecutionStatus.SUCCEEDED)
                : sent == 0 ? ExecutionStatus.FAILED : ExecutionStatus.PARTIALLY_DELIVERED;
        executionTable.setExecutionStatus(h, executionId, status, now);
        if (status == ExecutionStatus.FAILED || status == ExecutionStatus.PARTIALLY_DELIVERED) {
            scheduleTable
                    .schedule(h, e.scheduleId())
                    .ifPresent(s -> engine.queueFailureNotifications(h, executionId, s, now));
        }
    }

    /**
     * {@link #settleExecution} when the delivery just marked SENT is the only delivery of its execution: the
     * per-status count would be one SENT, so the execution SUCCEEDED if it is still DELIVERING. Known only for a
     * delivery that its generation handed over: the deliveries of an execution are all recorded by the transaction
     * that marks it generated (nothing adds one later), and that transaction recorded this one alone. The status is
     * checked by the update itself, so the execution row is not read and locked first: nothing else settles an
     * execution with one delivery, and the row lock is taken after the delivery's, as no other transaction takes
     * these two the other way round while the delivery is SENDING (a schedule's deletion cancels PENDING deliveries
     * only; a dead letter's replay takes FAILED ones).
     */
    private void settleOnlyDeliverySent(org.jdbi.v3.core.Handle h, ExecutionRow e, Instant now) {
        executionTable.settleDelivering(h, e.id(), ExecutionStatus.SUCCEEDED, now);
    }

    private DeliveryEvent event(
            DeliveryRow d, ExecutionRow e, int attempt, ErrorCategory category, String error, Instant at) {
        return new DeliveryEvent(
                e.tenantId(),
                e.scheduleId(),
                e.id(),
                d.id(),
                d.channel(),
                d.destination(),
                attempt,
                category,
                error,
                at);
    }

    /**
     * The recipient policy again, at send time: a policy tightened after the schedule was made stops sending.
     * Null when the recipient may get it.
     */
    private DeliveryResult refusedByPolicy(DeliveryRow d, ExecutionRow e, List<Recipient> deliverable) {
        for (RecipientPolicy.Violation v : config.privacy().recipientPolicy().check(e.tenantId(), deliverable)) {
            if (v.index() >= 0
                    && v.index() < deliverable.size()
                    && deliverable.get(v.index()).id().equals(d.recipientId())) {
                return DeliveryResult.failed(
                        ErrorCategory.PERMISSION, "refused by the recipient policy: " + v.rule() + ": " + v.message());
            }
        }
        return null;
    }

    /** Adds {@code unsubscribe_url}, the recipient's signed one-click link, when unsubscribe links are on. */
    private Map<String, String> withUnsubscribeLink(Map<String, String> variables, ExecutionRow e, DeliveryRow d) {
        engine.unsubscribeLink(e.tenantId(), d.recipientId()).ifPresent(link -> {
            variables.put("unsubscribe_url", link.toString());
        });
        return variables;
    }

    /** Template variables, formatted for the schedule's zone and locale. */
    static Map<String, String> variables(ScheduleRow s, ExecutionRow e, Artifact a, ZoneId zone, Locale locale) {
        return variables(s, e, a, zone, locale, null);
    }

    /** Template variables; {@code download_expires_at} is the link's expiry when there is a link. */
    static Map<String, String> variables(
            ScheduleRow s, ExecutionRow e, Artifact a, ZoneId zone, Locale locale, Instant linkExpiresAt) {
        Instant expires = a.downloadLink().isPresent() && linkExpiresAt != null ? linkExpiresAt : e.availableUntil();
        var local = e.scheduledFor().atZone(zone);
        Map<String, String> v = new HashMap<>();
        v.put("report_name", s.name());
        v.put("report_type", s.reportType());
        v.put(
                "date",
                DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                        .withLocale(locale)
                        .format(local));
        v.put(
                "scheduled_for",
                DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                        .withLocale(locale)
                        .format(local));
        v.put("timezone", zone.getId());
        v.put("row_count", e.rowCount() == null ? "0" : String.format(locale, "%,d", e.rowCount()));
        v.put("file_name", a.fileName());
        v.put("file_size", humanSize(a.size(), locale));
        v.put("format", e.outputFormat());
        v.put("download_url", a.downloadLink().map(URI::toString).orElse(""));
        v.put(
                "download_expires_at",
                expires == null
                        ? ""
                        : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                                .withLocale(locale)
                                .format(expires.atZone(zone)));
        // machine-readable forms for channels that send JSON (webhook)
        v.put("download_expires_at_iso", expires == null ? "" : expires.toString());
        v.put("row_count_raw", e.rowCount() == null ? "0" : Long.toString(e.rowCount()));
        v.put("execution_id", e.id());
        return v;
    }

    static String humanSize(long bytes, Locale locale) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(locale, "%.1f %s", value, units[unit]);
    }
}
