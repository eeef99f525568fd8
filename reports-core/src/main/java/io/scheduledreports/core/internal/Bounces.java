package io.scheduledreports.core.internal;

import io.scheduledreports.core.internal.Rows.DeliveryRow;
import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.core.recipients.RecipientStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hard bounces: a channel's permanent refusal of a recipient ({@code DeliveryResult.bounced}) counts against the
 * recipient row; a delivery that reaches it starts the count again. At the threshold the recipient is marked
 * {@link RecipientStatus#BOUNCED} (gets nothing until its owner re-activates it), audited, and the owner is told
 * once, in the same transaction.
 */
final class Bounces {
    private static final Logger LOG = LoggerFactory.getLogger(Bounces.class);

    /** Audit actor of what the engine decides by itself. */
    static final String SYSTEM_ACTOR = "system";

    private final Engine engine;

    Bounces(Engine engine) {
        this.engine = engine;
    }

    /** Inside the transaction that marks the delivery failed. */
    void bounced(Handle h, ScheduleRow s, DeliveryRow d, String message, Instant now) {
        if (d.recipientId() == null) {
            return;
        }
        int count = engine.recipients.recordBounce(h, d.recipientId(), now);
        int threshold = engine.config.privacy().bounceThreshold();
        if (count < threshold || !engine.recipients.deactivate(h, d.recipientId(), RecipientStatus.BOUNCED, now)) {
            LOG.info(
                    "{}:{} refused permanently ({} of {} in a row before it counts as bounced)",
                    d.channel(),
                    d.destination(),
                    count,
                    threshold);
            return;
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("is_active", false);
        after.put("status", RecipientStatus.BOUNCED.name());
        after.put("channel", d.channel());
        after.put("destination", d.destination());
        after.put("bounces_in_a_row", count);
        after.put("last_error", message);
        engine.auditTable.audit(
                h,
                s.tenantId(),
                SYSTEM_ACTOR,
                "RECIPIENT_BOUNCED",
                "recipient",
                d.recipientId(),
                Map.of("is_active", true),
                after,
                now);
        LOG.warn(
                "Recipient {}:{} of schedule {} bounced {} times in a row; it gets nothing until re-activated",
                d.channel(),
                d.destination(),
                s.id(),
                count);
        String body = "The address " + d.destination() + " (" + d.channel() + ") of your scheduled report \""
                + s.name() + "\" was refused " + count + " times in a row, most recently with:\n\n  " + message
                + "\n\nIt gets no more reports from this schedule until you re-activate it (check the address first)."
                + "\n\nSchedule: " + s.id() + "\nRecipient: " + d.recipientId() + "\n";
        engine.ownerMail.queue(
                h,
                s.tenantId(),
                s.ownerId(),
                "bounce/" + d.recipientId() + "/" + now,
                "Recipient bounced: " + d.destination() + " (" + s.name() + ")",
                body,
                ZoneId.of(s.timezone()));
    }

    /**
     * Inside the transaction that marks a delivery sent; {@code counted} is whether the recipient's row, as this
     * run read it, counted refusals ({@code bounce_count > 0}). A row read without any is not written (one statement
     * less per delivery). A refusal that another delivery to the same recipient records after that read, while this
     * one is being sent, then stays counted: skipping only ever leaves a count that a reset would have cleared (it
     * never zeroes one), and the next delivery that reaches the recipient reads it non-zero and resets it. Until
     * then the recipient is at most one refusal closer to its threshold, for a refusal that overlapped a success.
     */
    void reached(Handle h, DeliveryRow d, boolean counted) {
        if (d.recipientId() != null && counted) {
            engine.recipients.clearBounces(h, d.recipientId());
        }
    }
}
