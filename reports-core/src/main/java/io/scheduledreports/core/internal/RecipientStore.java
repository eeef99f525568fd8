package io.scheduledreports.core.internal;

import io.scheduledreports.core.recipients.RecipientState;
import io.scheduledreports.core.recipients.RecipientStatus;
import io.scheduledreports.jdbc.TableNames;
import io.scheduledreports.spi.Recipient;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * SQL of recipient states and opt-outs: the {@code is_active} columns of {@code schedule_recipients} and the
 * {@code recipient_opt_outs} table ({@code scope} = a schedule id, or {@value #TENANT_SCOPE} for the tenant).
 */
final class RecipientStore {
    /** The opt-out scope meaning every report of the tenant. */
    static final String TENANT_SCOPE = "*";

    private final TableNames t;
    private final SqlSupport sql;
    private final String optOuts;

    RecipientStore(TableNames tables, SqlSupport sql) {
        this.t = tables;
        this.sql = sql;
        this.optOuts = tables.prefix() + "recipient_opt_outs";
    }

    /** One recipient row with its state columns. */
    record RecipientRow(
            String id,
            String scheduleId,
            String tenantId,
            String channel,
            String destination,
            boolean active,
            String inactiveReason,
            Instant inactiveSince) {}

    private RecipientRow row(ResultSet rs) throws SQLException {
        return new RecipientRow(
                rs.getString("id"),
                rs.getString("schedule_id"),
                rs.getString("tenant_id"),
                rs.getString("channel"),
                rs.getString("destination"),
                rs.getBoolean("is_active"),
                rs.getString("inactive_reason"),
                sql.instant(rs, "inactive_since"));
    }

    /** A recipient of a tenant, locked until the transaction ends. */
    Optional<RecipientRow> lock(Handle h, String tenantId, String recipientId) {
        return h.createQuery("SELECT * FROM " + t.recipients() + " WHERE id = :id AND tenant_id = :t FOR UPDATE")
                .bind("id", recipientId)
                .bind("t", tenantId)
                .map((rs, ctx) -> row(rs))
                .findOne();
    }

    Optional<RecipientRow> find(Handle h, String tenantId, String recipientId) {
        return h.createQuery("SELECT * FROM " + t.recipients() + " WHERE id = :id AND tenant_id = :t")
                .bind("id", recipientId)
                .bind("t", tenantId)
                .map((rs, ctx) -> row(rs))
                .findOne();
    }

    List<RecipientRow> rows(Handle h, String scheduleId) {
        return h.createQuery("SELECT * FROM " + t.recipients() + " WHERE schedule_id = :s ORDER BY id")
                .bind("s", scheduleId)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    /**
     * A schedule's recipients as one run reads them, in one statement: all of them (as {@link
     * RecipientTable#recipients}), those that get deliveries (active, and no opt-out of the address for the schedule
     * or the tenant), and the ids of those whose row counts refusals in a row ({@code bounce_count > 0}).
     */
    record RunRecipients(List<Recipient> all, List<Recipient> deliverable, Set<String> bouncing) {
        /** No recipients (a schedule that is gone). */
        static final RunRecipients NONE = new RunRecipients(List.of(), List.of(), Set.of());

        /**
         * Whether the recipient is one of these rows and gets nothing now (inactive, or its address opted out). A row
         * removed by the owner is not suppressed: deliveries queued before the removal still go out.
         */
        boolean suppressed(String recipientId) {
            return all.stream().anyMatch(r -> r.id().equals(recipientId))
                    && deliverable.stream().noneMatch(r -> r.id().equals(recipientId));
        }

        /** Whether the recipient's row, as read, counts refusals in a row. */
        boolean countsBounces(String recipientId) {
            return recipientId != null && bouncing.contains(recipientId);
        }
    }

    /** The schedule's {@link RunRecipients}, ordered by id. */
    RunRecipients forRun(Handle h, String scheduleId) {
        record Read(Recipient recipient, boolean deliverable, boolean bouncing) {}
        List<Read> rows = h.createQuery("SELECT r.*, CASE WHEN r.is_active = TRUE AND NOT EXISTS (SELECT 1 FROM "
                        + optOuts + " o WHERE o.tenant_id = r.tenant_id AND o.channel = r.channel"
                        + " AND o.destination = r.destination AND o.scope IN (r.schedule_id, '" + TENANT_SCOPE + "'))"
                        + " THEN 1 ELSE 0 END AS deliverable FROM " + t.recipients()
                        + " r WHERE r.schedule_id = :s ORDER BY r.id")
                .bind("s", scheduleId)
                .map((rs, ctx) -> new Read(
                        RecipientTable.recipientOf(rs), rs.getInt("deliverable") == 1, rs.getInt("bounce_count") > 0))
                .list();
        List<Recipient> all = new ArrayList<>(rows.size());
        List<Recipient> deliverable = new ArrayList<>(rows.size());
        Set<String> bouncing = new HashSet<>();
        for (Read row : rows) {
            all.add(row.recipient());
            if (row.deliverable()) {
                deliverable.add(row.recipient());
            }
            if (row.bouncing()) {
                bouncing.add(row.recipient().id());
            }
        }
        return new RunRecipients(List.copyOf(all), List.copyOf(deliverable), Set.copyOf(bouncing));
    }

    /** The opt-out scopes recorded for an address: schedule ids and/or {@value #TENANT_SCOPE}. */
    List<String> optOutScopes(Handle h, String tenantId, String channel, String destination) {
        return h.createQuery("SELECT scope FROM " + optOuts
                        + " WHERE tenant_id = :t AND channel = :c AND destination = :d ORDER BY scope")
                .bind("t", tenantId)
                .bind("c", channel)
                .bind("d", destination)
                .mapTo(String.class)
                .list();
    }

    /** Records an opt-out unless it exists; true when it was new. */
    boolean addOptOut(Handle h, String tenantId, String scope, String channel, String destination, Instant now) {
        if (optOutScopes(h, tenantId, channel, destination).contains(scope)) {
            return false;
        }
        h.createUpdate("INSERT INTO " + optOuts + " (tenant_id, scope, channel, destination, created_at)"
                        + " VALUES (:t, :scope, :c, :d, :now)")
                .bind("t", tenantId)
                .bind("scope", scope)
                .bind("c", channel)
                .bind("d", destination)
                .bind("now", now)
                .execute();
        return true;
    }

    /** Removes the opt-outs of an address for one schedule and for the whole tenant; returns how many. */
    int removeOptOuts(Handle h, String tenantId, String scheduleId, String channel, String destination) {
        return h.createUpdate("DELETE FROM " + optOuts + " WHERE tenant_id = :t AND channel = :c AND destination = :d"
                        + " AND scope IN (:s, '" + TENANT_SCOPE + "')")
                .bind("t", tenantId)
                .bind("c", channel)
                .bind("d", destination)
                .bind("s", scheduleId)
                .execute();
    }

    /** Deactivates one active row; true when it was active. */
    boolean deactivate(Handle h, String recipientId, RecipientStatus reason, Instant now) {
        return h.createUpdate("UPDATE " + t.recipients() + " SET is_active = FALSE, inactive_reason = :r,"
                                + " inactive_since = :now WHERE id = :id AND is_active = TRUE")
                        .bind("id", recipientId)
                        .bind("r", reason.name())
                        .bind("now", now)
                        .execute()
                == 1;
    }

    /** Deactivates every active row of an address in a tenant; returns how many. */
    int deactivateAddress(
            Handle h, String tenantId, String channel, String destination, RecipientStatus reason, Instant now) {
        return h.createUpdate("UPDATE " + t.recipients() + " SET is_active = FALSE, inactive_reason = :r,"
                        + " inactive_since = :now WHERE tenant_id = :t AND channel = :c AND destination = :d"
                        + " AND is_active = TRUE")
                .bind("t", tenantId)
                .bind("c", channel)
                .bind("d", destination)
                .bind("r", reason.name())
                .bind("now", now)
                .execute();
    }

    void reactivate(Handle h, String recipientId) {
        h.createUpdate("UPDATE " + t.recipients() + " SET is_active = TRUE, inactive_reason = NULL,"
                        + " inactive_since = NULL, bounce_count = 0 WHERE id = :id")
                .bind("id", recipientId)
                .execute();
    }

    /** Counts one more permanent refusal of a recipient in a row; returns the count now (0 when the row is gone). */
    int recordBounce(Handle h, String recipientId, Instant now) {
        h.createUpdate("UPDATE " + t.recipients() + " SET bounce_count = bounce_count + 1, last_bounce_at = :now"
                        + " WHERE id = :id")
                .bind("id", recipientId)
                .bind("now", now)
                .execute();
        return h.createQuery("SELECT bounce_count FROM " + t.recipients() + " WHERE id = :id")
                .bind("id", recipientId)
                .mapTo(Integer.class)
                .findOne()
                .orElse(0);
    }

    /** A delivery reached the recipient: the refusals in a row start again from zero. */
    void clearBounces(Handle h, String recipientId) {
        h.createUpdate("UPDATE " + t.recipients() + " SET bounce_count = 0 WHERE id = :id AND bounce_count > 0")
                .bind("id", recipientId)
                .execute();
    }

    /** The state a row shows: its own flag first, then any opt-out of its address. */
    RecipientState state(Handle h, RecipientRow r) {
        List<String> scopes = optOutScopes(h, r.tenantId(), r.channel(), r.destination());
        boolean tenantWide = scopes.contains(TENANT_SCOPE);
        RecipientStatus status;
        if (!r.active()) {
            status = RecipientStatus.valueOf(r.inactiveReason());
        } else if (tenantWide || scopes.contains(r.scheduleId())) {
            status = RecipientStatus.UNSUBSCRIBED;
        } else {
            status = RecipientStatus.ACTIVE;
        }
        return new RecipientState(
                r.id(), r.scheduleId(), r.channel(), r.destination(), status, tenantWide, r.inactiveSince());
    }
}
