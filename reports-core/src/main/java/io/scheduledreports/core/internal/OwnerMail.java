package io.scheduledreports.core.internal;

import io.scheduledreports.core.FailureNotifications;
import io.scheduledreports.core.internal.Engine.Next;
import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.DeliveryChannel;
import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages to a schedule owner that are not about one execution (a recipient bounced, the weekly summary): queued
 * as a task in the caller's transaction (so the decision to send and the task commit together), sent through the
 * failure-notification channel to the address its owner resolver gives, with a stable idempotency key, retried
 * by the delivery retry policy. The text is the message body (the e-mail channel's {@code body} option, braces
 * escaped); nothing is attached.
 */
final class OwnerMail {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerMail.class);

    /** Task data: the whole message, so a retry sends the same one. */
    record Data(String tenantId, String address, String subject, String body, String zone, int attempt)
            implements Serializable {}

    private final Engine engine;
    private final EngineConfig config;

    OwnerMail(Engine engine) {
        this.engine = engine;
        this.config = engine.config;
    }

    /** The owner's address from the host's resolver, or empty (no notifications configured, unknown, failed). */
    Optional<String> addressOf(String tenantId, String ownerId) {
        FailureNotifications fn = config.failureNotifications();
        if (fn == null) {
            return Optional.empty();
        }
        try {
            Optional<String> address = fn.ownerAddresses().addressOf(tenantId, ownerId);
            return address == null ? Optional.empty() : address.filter(a -> !a.isBlank());
        } catch (RuntimeException e) {
            LOG.warn("Owner address lookup failed for owner {} of tenant {}", ownerId, tenantId, e);
            return Optional.empty();
        }
    }

    /**
     * Queues one message inside the caller's transaction; the same {@code key} queues it once.
     *
     * @return false when the owner has no address (nothing queued)
     */
    boolean queue(Handle h, String tenantId, String ownerId, String key, String subject, String body, ZoneId zone) {
        Optional<String> address = addressOf(tenantId, ownerId);
        if (address.isEmpty()) {
            LOG.info("Owner {} of tenant {} has no address; '{}' is not sent", ownerId, tenantId, subject);
            return false;
        }
        String id = taskId(key);
        engine.queueOwnerMail(
                id,
                new Data(tenantId, address.get(), subject, body, zone.getId(), 0),
                config.clock().instant());
        return true;
    }

    static String taskId(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    Next run(String taskId, Data data) {
        FailureNotifications fn = config.failureNotifications();
        DeliveryChannel channel = fn == null ? null : config.channels().get(fn.channel());
        if (channel == null) {
            LOG.error("Owner message '{}' cannot be sent: no failure-notification channel", data.subject());
            return Next.DONE;
        }
        int attempt = data.attempt() + 1;
        Recipient recipient = new Recipient(null, fn.channel(), data.address(), Map.of());
        Map<String, String> options = new LinkedHashMap<>(fn.options());
        options.put("subject", escape(data.subject().replaceAll("[\\r\\n]+", " ")));
        options.put("body", escape(data.body()));
        options.put("attach", "false");
        ZoneId zone = ZoneId.of(data.zone());
        Instant now = config.clock().instant();
        Delivery delivery = new Delivery(
                taskId,
                taskId,
                data.tenantId(),
                null,
                taskId,
                data.subject(),
                recipient,
                List.of(recipient),
                new Notifier.TextArtifact("message.txt", data.body().getBytes(StandardCharsets.UTF_8)),
                Map.of(),
                options,
                Locale.ROOT,
                zone,
                now,
                attempt);
        DeliveryResult result;
        try {
            result = channel.deliver(delivery);
        } catch (Exception ex) {
            result = DeliveryResult.failed(ErrorClassifier.classify(ex), Generation.describe(ex));
        }
        if (result != null && result.sent()) {
            LOG.info("Sent '{}' to owner address {}", data.subject(), data.address());
            return Next.DONE;
        }
        ErrorCategory category = result == null ? ErrorCategory.CONFIGURATION : result.category();
        Optional<Duration> retryIn = config.deliveryRetry().nextDelay(category, attempt, ThreadLocalRandom.current());
        if (retryIn.isEmpty()) {
            LOG.error(
                    "Owner message '{}' to {} failed for good [{}]: {}",
                    data.subject(),
                    data.address(),
                    category,
                    result == null ? "no result" : result.message());
            return Next.DONE;
        }
        return Next.at(
                now.plus(retryIn.get()),
                new Data(data.tenantId(), data.address(), data.subject(), data.body(), data.zone(), attempt));
    }

    /** Literal text as a template: braces doubled, so nothing in it is taken for a variable. */
    static String escape(String text) {
        return text.replace("{", "{{").replace("}", "}}");
    }
}
