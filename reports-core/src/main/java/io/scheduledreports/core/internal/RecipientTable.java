package io.scheduledreports.core.internal;

import io.scheduledreports.spi.Recipient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of a schedule's recipient rows (their state columns and opt-outs are {@link RecipientStore}'s).
 */
final class RecipientTable {

    private final SqlSupport sql;

    RecipientTable(SqlSupport sql) {
        this.sql = sql;
    }

    /** Whether a destination of the schedule's recipients is the user id (ignoring case, as e-mail addresses). */
    boolean isRecipient(Handle h, String scheduleId, String userId) {
        return sql.query(h, """
                SELECT COUNT(*) FROM <recipients>
                WHERE schedule_id = :id AND LOWER(destination) = :reader
                """)
                        .bind("id", scheduleId)
                        .bind("reader", userId.toLowerCase(java.util.Locale.ROOT))
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    String insertRecipient(Handle h, String scheduleId, String tenantId, Recipient r, String addedBy, Instant now) {
        String id = SqlSupport.newId();
        sql.update(h, """
                INSERT INTO <recipients> (id, schedule_id, tenant_id, channel, destination, options,
                added_by, created_at) VALUES (:id, :scheduleId, :tenantId, :channel, :destination,
                :options, :addedBy, :now)
                """)
                .bind("id", id)
                .bind("scheduleId", scheduleId)
                .bind("tenantId", tenantId)
                .bind("channel", r.channel())
                .bind("destination", r.destination())
                .bind("options", Json.write(r.options()))
                .bind("addedBy", addedBy)
                .bind("now", now)
                .execute();
        return id;
    }

    List<Recipient> recipients(Handle h, String scheduleId) {
        return sql.query(h, "SELECT * FROM <recipients> WHERE schedule_id = :id ORDER BY id")
                .bind("id", scheduleId)
                .map((rs, ctx) -> recipientOf(rs))
                .list();
    }

    /** The recipients of each of {@code scheduleIds} (one statement), in the order of {@link #recipients}. */
    Map<String, List<Recipient>> recipientsOf(Handle h, Collection<String> scheduleIds) {
        Map<String, List<Recipient>> bySchedule = new LinkedHashMap<>();
        if (scheduleIds.isEmpty()) {
            return bySchedule;
        }
        sql.query(h, "SELECT * FROM <recipients> WHERE schedule_id IN (<ids>) ORDER BY schedule_id, id")
                .bindList("ids", List.copyOf(scheduleIds))
                .map((rs, ctx) -> Map.entry(rs.getString("schedule_id"), recipientOf(rs)))
                .forEach(e -> bySchedule
                        .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        return bySchedule;
    }

    /** A recipient from a row of the recipients table. */
    static Recipient recipientOf(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Recipient(
                rs.getString("id"),
                rs.getString("channel"),
                rs.getString("destination"),
                Json.readStringMap(rs.getString("options")));
    }

    int deleteRecipient(Handle h, String scheduleId, String recipientId) {
        return sql.update(h, "DELETE FROM <recipients> WHERE schedule_id = :s AND id = :id")
                .bind("s", scheduleId)
                .bind("id", recipientId)
                .execute();
    }

    void updateRecipientOptions(Handle h, String recipientId, Map<String, String> options) {
        sql.update(h, "UPDATE <recipients> SET options = :options WHERE id = :id")
                .bind("id", recipientId)
                .bind("options", Json.write(options))
                .execute();
    }
}
