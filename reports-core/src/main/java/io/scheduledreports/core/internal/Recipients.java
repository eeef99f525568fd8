package io.scheduledreports.core.internal;

import io.scheduledreports.core.AuditAction;
import io.scheduledreports.core.ReportsNotFoundException;
import io.scheduledreports.core.Visibility;
import io.scheduledreports.core.internal.RecipientStore.RecipientRow;
import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.core.links.InvalidDownloadTokenException.Reason;
import io.scheduledreports.core.links.InvalidUnsubscribeTokenException;
import io.scheduledreports.core.links.UnsubscribeLinks;
import io.scheduledreports.core.recipients.RecipientState;
import io.scheduledreports.core.recipients.RecipientStatus;
import io.scheduledreports.core.recipients.UnsubscribeOutcome;
import io.scheduledreports.core.recipients.UnsubscribeScope;
import io.scheduledreports.core.recipients.UnsubscribeTarget;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * Recipient states: unsubscribes by signed link (per schedule or for the whole tenant), re-activation by the
 * owner, and the list of a schedule's recipients with their states.
 */
public final class Recipients {
    /** Audit actor prefix of changes a recipient made itself (by link): {@code recipient:<recipient id>}. */
    public static final String RECIPIENT_ACTOR = "recipient:";

    private final Engine engine;
    private final EngineConfig config;
    private final ScheduleTable scheduleTable;
    private final AuditTable auditTable;
    private final RecipientStore recipients;
    private final Tx tx;

    /** Creates the operations. */
    public Recipients(Engine engine) {
        this.engine = engine;
        this.config = engine.config;
        this.scheduleTable = engine.scheduleTable;
        this.auditTable = engine.auditTable;
        this.recipients = engine.recipients;
        this.tx = engine.tx;
    }

    /** What a valid link points at, for the confirmation page; changes nothing. */
    public UnsubscribeTarget target(String token) {
        UnsubscribeLinks.VerifiedRecipient v = verify(token);
        return tx.read(h -> {
            RecipientRow r = recipients
                    .find(h, v.tenantId(), v.recipientId())
                    .orElseThrow(() -> new ReportsNotFoundException("recipient", v.recipientId()));
            String name = scheduleTable
                    .schedule(h, r.scheduleId())
                    .map(ScheduleRow::name)
                    .orElse("");
            return new UnsubscribeTarget(
                    r.tenantId(),
                    name,
                    mask(r.destination()),
                    !recipients.state(h, r).isActive());
        });
    }

    /** Unsubscribes the link's recipient; repeating it changes nothing more. */
    public UnsubscribeOutcome unsubscribe(String token, UnsubscribeScope scope) {
        Objects.requireNonNull(scope, "scope");
        UnsubscribeLinks.VerifiedRecipient v = verify(token);
        Instant now = config.clock().instant();
        return tx.inTx(h -> {
            RecipientRow r = recipients
                    .lock(h, v.tenantId(), v.recipientId())
                    .orElseThrow(() -> new ReportsNotFoundException("recipient", v.recipientId()));
            boolean optOut;
            int deactivated;
            if (scope == UnsubscribeScope.SCHEDULE) {
                optOut = recipients.addOptOut(h, r.tenantId(), r.scheduleId(), r.channel(), r.destination(), now);
                deactivated = recipients.deactivate(h, r.id(), RecipientStatus.UNSUBSCRIBED, now) ? 1 : 0;
            } else {
                optOut = recipients.addOptOut(
                        h, r.tenantId(), RecipientStore.TENANT_SCOPE, r.channel(), r.destination(), now);
                deactivated = recipients.deactivateAddress(
                        h, r.tenantId(), r.channel(), r.destination(), RecipientStatus.UNSUBSCRIBED, now);
            }
            boolean changed = optOut || deactivated > 0;
            if (changed) {
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("is_active", false);
                after.put("scope", scope.name());
                after.put("schedule_id", r.scheduleId());
                after.put("channel", r.channel());
                after.put("destination", r.destination());
                after.put("recipients_deactivated", deactivated);
                auditTable.audit(
                        h,
                        r.tenantId(),
                        RECIPIENT_ACTOR + r.id(),
                        scope == UnsubscribeScope.SCHEDULE
                                ? AuditAction.UNSUBSCRIBE.name()
                                : AuditAction.UNSUBSCRIBE_TENANT.name(),
                        "recipient",
                        r.id(),
                        Map.of("is_active", r.active()),
                        after,
                        now);
            }
            return new UnsubscribeOutcome(scope, deactivated, changed);
        });
    }

    /** A schedule's recipients with their states (who may read the schedule may read them). */
    public List<RecipientState> states(Actor actor, String scheduleId) {
        return tx.read(h -> {
            ScheduleRow s = visible(h, actor, scheduleId, false);
            return recipients.rows(h, s.id()).stream()
                    .map(r -> recipients.state(h, r))
                    .toList();
        });
    }

    /**
     * Re-activates a recipient (owner or admin). One who unsubscribed needs {@code consentConfirmed}: the host
     * confirms that the person asked to get the reports again; that also lifts a tenant-wide opt-out of the
     * address (its other schedules stay inactive until re-activated one by one).
     */
    public RecipientState reactivate(Actor actor, String scheduleId, String recipientId, boolean consentConfirmed) {
        Instant now = config.clock().instant();
        return tx.inTx(h -> {
            ScheduleRow s = visible(h, actor, scheduleId, true);
            RecipientRow r = recipients
                    .lock(h, s.tenantId(), recipientId)
                    .filter(x -> x.scheduleId().equals(s.id()))
                    .orElseThrow(() -> new ReportsNotFoundException("recipient", recipientId));
            RecipientState before = recipients.state(h, r);
            if (before.isActive()) {
                return before;
            }
            if (before.status() == RecipientStatus.UNSUBSCRIBED && !consentConfirmed) {
                throw new ReportsValidationException(
                        "consent_confirmed",
                        "must be true to re-activate a recipient who unsubscribed: set it only when the person has"
                                + " asked to get the reports again, was false");
            }
            recipients.reactivate(h, r.id());
            int liftedOptOuts = recipients.removeOptOuts(h, r.tenantId(), r.scheduleId(), r.channel(), r.destination());
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("is_active", true);
            after.put("consent_confirmed", consentConfirmed);
            after.put("opt_outs_lifted", liftedOptOuts);
            after.put("channel", r.channel());
            after.put("destination", r.destination());
            auditTable.audit(
                    h,
                    s.tenantId(),
                    actor.userId(),
                    AuditAction.REACTIVATE_RECIPIENT.name(),
                    "recipient",
                    r.id(),
                    Map.of("status", before.status().name()),
                    after,
                    now);
            return recipients.state(h, recipients.lock(h, s.tenantId(), r.id()).orElseThrow());
        });
    }

    /** Whether the actor gets the weekly owner summary. */
    public boolean weeklySummaryEnabled(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        return tx.read(h -> engine.summaries.enabled(h, actor.tenantId(), actor.userId()));
    }

    /** Turns the actor's weekly owner summary on or off (audited when it changes); returns the setting now. */
    public boolean setWeeklySummaryEnabled(Actor actor, boolean enabled) {
        Objects.requireNonNull(actor, "actor");
        Instant now = config.clock().instant();
        return tx.inTx(h -> {
            if (engine.summaries.set(h, actor.tenantId(), actor.userId(), enabled, now)) {
                auditTable.audit(
                        h,
                        actor.tenantId(),
                        actor.userId(),
                        enabled ? "WEEKLY_SUMMARY_ON" : "WEEKLY_SUMMARY_OFF",
                        "owner",
                        "-",
                        Map.of("enabled", !enabled),
                        Map.of("enabled", enabled),
                        now);
            }
            return enabled;
        });
    }

    private UnsubscribeLinks.VerifiedRecipient verify(String token) {
        UnsubscribeLinks links = config.privacy().unsubscribeLinks();
        if (links == null) {
            throw new InvalidUnsubscribeTokenException(Reason.MALFORMED, "unsubscribe links are not configured");
        }
        return links.verify(token, config.clock().instant());
    }

    private ScheduleRow visible(Handle h, Actor actor, String scheduleId, boolean change) {
        Objects.requireNonNull(actor, "actor");
        boolean ownOnly = config.visibility() == Visibility.OWNER && !actor.isAdmin();
        ScheduleRow s = (change
                        ? scheduleTable.scheduleForUpdate(h, scheduleId)
                        : scheduleTable.schedule(h, scheduleId))
                .filter(x -> x.tenantId().equals(actor.tenantId()) && !"DELETED".equals(x.status()))
                .filter(x -> !ownOnly || actor.userId().equals(x.ownerId()))
                .orElseThrow(() -> new ReportsNotFoundException("schedule", scheduleId));
        if (change && !actor.isAdmin() && !actor.userId().equals(s.ownerId())) {
            throw new ReportsAccessDeniedException("schedule '" + s.id() + "' belongs to '" + s.ownerId()
                    + "'; only its owner or an admin may re-activate its recipients");
        }
        return s;
    }

    /** {@code alice@example.com} as {@code a***@example.com}; other destinations keep their first character. */
    static String mask(String destination) {
        int at = destination.lastIndexOf('@');
        String local = at < 0 ? destination : destination.substring(0, at);
        String rest = at < 0 ? "" : destination.substring(at);
        return (local.isEmpty() ? "" : local.substring(0, 1)) + "***" + rest;
    }
}
