package io.scheduledreports.core.internal;

import io.scheduledreports.core.links.Pseudonyms;
import io.scheduledreports.core.recipients.DataSubject;
import io.scheduledreports.core.recipients.ErasureResult;
import io.scheduledreports.jdbc.TableNames;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GDPR export and erasure of one person's data in one tenant.
 *
 * <p><b>Where personal data lives</b> is listed once, in {@link #columns()}: every column that holds an e-mail
 * address or a user id, with what erasure does to it. A table added later that stores either must be added
 * there (and, if its rows hang off a schedule, execution or delivery, to {@link #deleteSchedule}); the
 * {@code PersonalDataColumnsTest} fails for a column of the migrated schema whose name says it holds one and that
 * the list does not name.
 *
 * <p>Every step is an idempotent statement of its own (deleting what matches, replacing the value by its
 * pseudonym), so an erasure that was interrupted can simply be run again and finishes; a finished one changes
 * nothing more. The erasure is audited at its end (actor: the admin, subject: the pseudonym, never the value).
 */
public final class PersonalData {
    private static final Logger LOG = LoggerFactory.getLogger(PersonalData.class);

    /** What a column holds. */
    enum Holds {
        /** A recipient's address (e-mail; other channels' destinations are matched the same way). */
        ADDRESS,
        /** A host user id. */
        USER_ID
    }

    /** What erasure does to a matching value. */
    enum Erase {
        /** Deletes the rows whose column equals the value (an address: compared without regard to case). */
        DELETE_ROW,
        /** Replaces the column's value by the pseudonym where it equals the value. */
        PSEUDONYMISE,
        /**
         * Replaces each occurrence inside free text (error messages, audit JSON) by the pseudonym; a user id only
         * where it stands as a JSON string ({@code "bob"}), so the text of other values survives.
         */
        REPLACE_IN_TEXT
    }

    /**
     * One column that holds personal data.
     *
     * @param table the table (with prefix)
     * @param column the column
     * @param holds an address or a user id
     * @param erase what erasure does
     */
    record Column(String table, String column, Holds holds, Erase erase) {}

    private final Engine engine;
    private final TableNames t;

    /** Creates the operations. */
    public PersonalData(Engine engine) {
        this.engine = engine;
        this.t = engine.config.tables();
    }

    /**
     * Every column that holds an address or a user id, in the order erasure works through them (recipient lists
     * first, so nothing new is sent while the rest is pseudonymised). The owner's schedules themselves
     * ({@code scheduled_reports.owner_id}) are deleted with everything that hangs off them by
     * {@link #deleteSchedule} before these run.
     */
    List<Column> columns() {
        return columns(t);
    }

    /** {@link #columns()} for these table names. */
    static List<Column> columns(TableNames t) {
        String p = t.prefix();
        return List.of(
                // addresses
                new Column(t.recipients(), "destination", Holds.ADDRESS, Erase.DELETE_ROW),
                new Column(p + "recipient_opt_outs", "destination", Holds.ADDRESS, Erase.DELETE_ROW),
                new Column(t.deliveries(), "destination", Holds.ADDRESS, Erase.PSEUDONYMISE),
                new Column(t.deliveries(), "last_error", Holds.ADDRESS, Erase.REPLACE_IN_TEXT),
                new Column(t.executions(), "error_message", Holds.ADDRESS, Erase.REPLACE_IN_TEXT),
                new Column(t.executions(), "error_detail", Holds.ADDRESS, Erase.REPLACE_IN_TEXT),
                new Column(t.deadLetters(), "error_message", Holds.ADDRESS, Erase.REPLACE_IN_TEXT),
                new Column(t.deadLetters(), "error_detail", Holds.ADDRESS, Erase.REPLACE_IN_TEXT),
                new Column(t.attemptFailures(), "error_message", Holds.ADDRESS, Erase.REPLACE_IN_TEXT),
                new Column(t.auditEvents(), "old_value", Holds.ADDRESS, Erase.REPLACE_IN_TEXT),
                new Column(t.auditEvents(), "new_value", Holds.ADDRESS, Erase.REPLACE_IN_TEXT),
                // user ids
                new Column(p + "owner_summaries", "owner_id", Holds.USER_ID, Erase.DELETE_ROW),
                new Column(p + "owner_summary_opt_outs", "owner_id", Holds.USER_ID, Erase.DELETE_ROW),
                new Column(t.schedules(), "created_by", Holds.USER_ID, Erase.PSEUDONYMISE),
                new Column(t.schedules(), "updated_by", Holds.USER_ID, Erase.PSEUDONYMISE),
                new Column(t.recipients(), "added_by", Holds.USER_ID, Erase.PSEUDONYMISE),
                new Column(t.deadLetters(), "resolved_by", Holds.USER_ID, Erase.PSEUDONYMISE),
                new Column(t.holidayCalendars(), "created_by", Holds.USER_ID, Erase.PSEUDONYMISE),
                new Column(t.holidayCalendars(), "updated_by", Holds.USER_ID, Erase.PSEUDONYMISE),
                new Column(t.auditEvents(), "actor", Holds.USER_ID, Erase.PSEUDONYMISE),
                new Column(t.auditEvents(), "old_value", Holds.USER_ID, Erase.REPLACE_IN_TEXT),
                new Column(t.auditEvents(), "new_value", Holds.USER_ID, Erase.REPLACE_IN_TEXT));
    }

    // ---------------------------------------------------------------- erase

    /** Erases a person's data in a tenant (admins only); see {@link #columns()}. */
    public ErasureResult erase(Actor admin, String tenantId, DataSubject subject) {
        requireAdmin(admin, tenantId);
        String pseudonym = pseudonyms().of(subject.kindName(), subject.value());
        Map<String, Integer> rows = new LinkedHashMap<>();
        Set<String> values = new LinkedHashSet<>();
        values.add(subject.value());
        if (subject.kind() == DataSubject.Kind.EMAIL) {
            // the spellings stored (Bob@Example.com and bob@example.com are one address): text is replaced per spelling
            values.addAll(engine.tx.read(h -> storedSpellings(h, tenantId, subject.value())));
            cancelPendingDeliveries(tenantId, values, rows);
        } else {
            deleteOwnedSchedules(tenantId, subject.value(), rows);
        }
        Holds holds = subject.kind() == DataSubject.Kind.EMAIL ? Holds.ADDRESS : Holds.USER_ID;
        for (Column c : columns()) {
            if (c.holds() != holds) {
                continue;
            }
            int n = engine.tx.inTx(h -> apply(h, c, tenantId, values, pseudonym));
            rows.merge(name(c.table()) + "." + c.column(), n, Integer::sum);
        }
        Instant now = engine.config.clock().instant();
        ErasureResult result = new ErasureResult(subject, pseudonym, rows);
        engine.tx.useTx(h -> {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("kind", subject.kindName());
            after.put("subject", pseudonym);
            after.put("rows", rows);
            engine.auditTable.audit(
                    h,
                    tenantId,
                    admin.userId(),
                    "ERASE_PERSONAL_DATA",
                    "person",
                    entityId(pseudonym),
                    null,
                    after,
                    now);
        });
        LOG.info(
                "Erased the personal data of {} {} in tenant {}: {} row(s) changed",
                subject.kindName(),
                pseudonym,
                tenantId,
                result.total());
        return result;
    }

    private int apply(Handle h, Column c, String tenantId, Set<String> values, String pseudonym) {
        int n = 0;
        switch (c.erase()) {
            case DELETE_ROW, PSEUDONYMISE -> {
                String match = c.holds() == Holds.ADDRESS ? "LOWER(" + c.column() + ") = :v" : c.column() + " = :v";
                String sql = c.erase() == Erase.DELETE_ROW
                        ? "DELETE FROM " + c.table() + " WHERE tenant_id = :t AND " + match
                        : "UPDATE " + c.table() + " SET " + c.column() + " = :p WHERE tenant_id = :t AND " + match;
                String value = values.iterator().next();
                n += h.createUpdate(sql)
                        .bind("t", tenantId)
                        .bind("v", c.holds() == Holds.ADDRESS ? value.toLowerCase(Locale.ROOT) : value)
                        .bind("p", pseudonym)
                        .execute();
            }
            case REPLACE_IN_TEXT -> {
                for (String value : values) {
                    String needle = c.holds() == Holds.USER_ID ? Json.write(value) : value;
                    String replacement = c.holds() == Holds.USER_ID ? Json.write(pseudonym) : pseudonym;
                    n += h.createUpdate("UPDATE " + c.table() + " SET " + c.column() + " = REPLACE(" + c.column()
                                    + ", :needle, :p) WHERE tenant_id = :t AND " + c.column()
                                    + " LIKE :pattern ESCAPE '!'")
                            .bind("t", tenantId)
                            .bind("needle", needle)
                            .bind("p", replacement)
                            .bind("pattern", "%" + likeEscape(needle) + "%")
                            .execute();
                }
            }
        }
        return n;
    }

    private static String likeEscape(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** Spellings of an address stored in the tenant's recipient lists, deliveries and opt-outs. */
    private List<String> storedSpellings(Handle h, String tenantId, String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String table : List.of(t.recipients(), t.deliveries(), t.prefix() + "recipient_opt_outs")) {
            out.addAll(h.createQuery("SELECT DISTINCT destination FROM " + table
                            + " WHERE tenant_id = :t AND LOWER(destination) = :v")
                    .bind("t", tenantId)
                    .bind("v", lower)
                    .mapTo(String.class)
                    .list());
        }
        return out;
    }

    /** Deliveries to the address that have not gone out yet are cancelled: nothing more is sent to it. */
    private void cancelPendingDeliveries(String tenantId, Set<String> values, Map<String, Integer> rows) {
        Instant now = engine.config.clock().instant();
        int n = engine.tx.inTx(h -> h.createUpdate("UPDATE " + t.deliveries()
                        + " SET status = 'CANCELLED', updated_at = :now WHERE tenant_id = :t"
                        + " AND LOWER(destination) = :v AND status IN ('PENDING', 'SENDING')")
                .bind("t", tenantId)
                .bind("v", values.iterator().next().toLowerCase(Locale.ROOT))
                .bind("now", now)
                .execute());
        rows.put(t.deliveries().substring(t.prefix().length()) + ".cancelled", n);
    }

    /** Deletes every schedule the user owns (any status), files first, each schedule in its own transaction. */
    private void deleteOwnedSchedules(String tenantId, String userId, Map<String, Integer> rows) {
        List<String> scheduleIds = engine.tx.read(h -> h.createQuery(
                        "SELECT id FROM " + t.schedules() + " WHERE tenant_id = :t AND owner_id = :o ORDER BY id")
                .bind("t", tenantId)
                .bind("o", userId)
                .mapTo(String.class)
                .list());
        rows.put("files", 0);
        for (String scheduleId : scheduleIds) {
            List<String> keys = engine.tx.read(h -> h.createQuery("SELECT artifact_key FROM " + t.executions()
                            + " WHERE schedule_id = :s AND artifact_key IS NOT NULL")
                    .bind("s", scheduleId)
                    .mapTo(String.class)
                    .list());
            for (String key : keys) {
                try {
                    if (engine.config.artifactStore().delete(key)) {
                        rows.merge("files", 1, Integer::sum);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(
                            "erasure stopped: the file " + key + " of schedule " + scheduleId
                                    + " could not be deleted; run the erasure again when the store is back",
                            e);
                }
            }
            Map<String, Integer> deleted = engine.tx.inTx(h -> deleteSchedule(h, scheduleId));
            deleted.forEach((k, v) -> rows.merge(k, v, Integer::sum));
        }
    }

    /**
     * Deletes one schedule and every row that hangs off it (its queued work, deliveries, dead letters, executions,
     * recipients, opt-outs). Files are deleted before, by the caller.
     */
    private Map<String, Integer> deleteSchedule(Handle h, String scheduleId) {
        Map<String, Integer> n = new LinkedHashMap<>();
        String executions = "SELECT id FROM " + t.executions() + " WHERE schedule_id = :s";
        String deliveries = "SELECT id FROM " + t.deliveries() + " WHERE execution_id IN (" + executions + ")";
        int tasks = 0;
        tasks += delete(h, t.tasks(), "task_name = '" + Engine.FIRE + "' AND task_instance = :s", scheduleId);
        tasks += delete(
                h,
                t.tasks(),
                "task_name = '" + Engine.GENERATE + "' AND task_instance IN (" + executions + ")",
                scheduleId);
        tasks += delete(
                h,
                t.tasks(),
                "task_name = '" + Engine.DELIVER + "' AND task_instance IN (" + deliveries + ")",
                scheduleId);
        n.put(name(t.tasks()), tasks);
        n.put(name(t.deadLetters()), delete(h, t.deadLetters(), "schedule_id = :s", scheduleId));
        n.put(
                name(t.attemptFailures()),
                delete(h, t.attemptFailures(), "execution_id IN (" + executions + ")", scheduleId));
        n.put(name(t.deliveries()), delete(h, t.deliveries(), "execution_id IN (" + executions + ")", scheduleId));
        n.put(name(t.executions()), delete(h, t.executions(), "schedule_id = :s", scheduleId));
        n.put(name(t.recipients()), delete(h, t.recipients(), "schedule_id = :s", scheduleId));
        n.put("recipient_opt_outs", delete(h, t.prefix() + "recipient_opt_outs", "scope = :s", scheduleId));
        n.put(name(t.schedules()), delete(h, t.schedules(), "id = :s", scheduleId));
        return n;
    }

    private static int delete(Handle h, String table, String where, String scheduleId) {
        return h.createUpdate("DELETE FROM " + table + " WHERE " + where)
                .bind("s", scheduleId)
                .execute();
    }

    private String name(String table) {
        return table.substring(t.prefix().length());
    }

    // ---------------------------------------------------------------- export

    /** Everything stored about a person in a tenant, as one JSON document (admins only); audited. */
    public String export(Actor admin, String tenantId, DataSubject subject) {
        requireAdmin(admin, tenantId);
        Instant now = engine.config.clock().instant();
        Map<String, Object> doc = engine.tx.read(h -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("tenant_id", tenantId);
            d.put("subject", Map.of("kind", subject.kindName(), "value", subject.value()));
            d.put("generated_at", now.toString());
            if (subject.kind() == DataSubject.Kind.USER) {
                exportUser(h, tenantId, subject.value(), d);
            } else {
                exportAddress(h, tenantId, subject.value(), d);
            }
            return d;
        });
        String pseudonym =
                pseudonymsOrNull() == null ? null : pseudonymsOrNull().of(subject.kindName(), subject.value());
        engine.tx.useTx(h -> {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("kind", subject.kindName());
            if (pseudonym != null) {
                after.put("subject", pseudonym);
            }
            engine.auditTable.audit(
                    h,
                    tenantId,
                    admin.userId(),
                    "EXPORT_PERSONAL_DATA",
                    "person",
                    pseudonym == null ? "-" : entityId(pseudonym),
                    null,
                    after,
                    now);
        });
        return Json.write(doc);
    }

    private void exportUser(Handle h, String tenantId, String userId, Map<String, Object> d) {
        List<Map<String, Object>> schedules = rows(
                h,
                "SELECT * FROM " + t.schedules() + " WHERE tenant_id = :t AND owner_id = :v ORDER BY created_at, id",
                tenantId,
                userId,
                "id",
                "name",
                "status",
                "report_type",
                "report_params:json",
                "output_format",
                "schedule_config:json",
                "timezone",
                "locale",
                "delivery_options:json",
                "created_by",
                "updated_by",
                "created_at:instant",
                "updated_at:instant",
                "deleted_at:instant");
        for (Map<String, Object> s : schedules) {
            String id = (String) s.get("id");
            s.put(
                    "recipients",
                    rows(
                            h,
                            "SELECT * FROM " + t.recipients()
                                    + " WHERE tenant_id = :t AND schedule_id = :v ORDER BY id",
                            tenantId,
                            id,
                            "id",
                            "channel",
                            "destination",
                            "is_active:boolean",
                            "inactive_reason",
                            "inactive_since:instant",
                            "added_by",
                            "created_at:instant"));
            s.put(
                    "executions",
                    rows(
                            h,
                            "SELECT * FROM " + t.executions()
                                    + " WHERE tenant_id = :t AND schedule_id = :v ORDER BY scheduled_for, id",
                            tenantId,
                            id,
                            "id",
                            "scheduled_for:instant",
                            "run_trigger",
                            "status",
                            "row_count",
                            "artifact_name",
                            "error_category",
                            "created_at:instant"));
        }
        d.put("schedules_owned", schedules);
        d.put(
                "audit_events_by_them",
                rows(
                        h,
                        "SELECT * FROM " + t.auditEvents()
                                + " WHERE tenant_id = :t AND actor = :v ORDER BY occurred_at, id",
                        tenantId,
                        userId,
                        "id",
                        "action",
                        "entity_type",
                        "entity_id",
                        "old_value:json",
                        "new_value:json",
                        "occurred_at:instant"));
        d.put("weekly_summary_enabled", engine.summaries.enabled(h, tenantId, userId));
    }

    private void exportAddress(Handle h, String tenantId, String address, Map<String, Object> d) {
        String lower = address.toLowerCase(Locale.ROOT);
        List<Map<String, Object>> memberships = rows(
                h,
                "SELECT r.*, s.name AS schedule_name, s.owner_id AS schedule_owner FROM " + t.recipients() + " r JOIN "
                        + t.schedules() + " s ON s.id = r.schedule_id WHERE r.tenant_id = :t"
                        + " AND LOWER(r.destination) = :v ORDER BY r.created_at, r.id",
                tenantId,
                lower,
                "id",
                "schedule_id",
                "schedule_name",
                "schedule_owner",
                "channel",
                "destination",
                "is_active:boolean",
                "inactive_reason",
                "inactive_since:instant",
                "created_at:instant");
        d.put("recipient_of", memberships);
        d.put(
                "opt_outs",
                rows(
                        h,
                        "SELECT * FROM " + t.prefix() + "recipient_opt_outs WHERE tenant_id = :t"
                                + " AND LOWER(destination) = :v ORDER BY created_at",
                        tenantId,
                        lower,
                        "scope",
                        "channel",
                        "destination",
                        "created_at:instant"));
        d.put(
                "deliveries_to_them",
                rows(
                        h,
                        "SELECT d.*, e.schedule_id AS schedule_id, e.scheduled_for AS scheduled_for FROM "
                                + t.deliveries() + " d JOIN " + t.executions() + " e ON e.id = d.execution_id"
                                + " WHERE d.tenant_id = :t AND LOWER(d.destination) = :v ORDER BY d.created_at, d.id",
                        tenantId,
                        lower,
                        "id",
                        "execution_id",
                        "schedule_id",
                        "scheduled_for:instant",
                        "channel",
                        "destination",
                        "status",
                        "attempts",
                        "error_category",
                        "last_error",
                        "sent_at:instant",
                        "created_at:instant"));
        List<Map<String, Object>> byThem = new ArrayList<>();
        for (Map<String, Object> m : memberships) {
            byThem.addAll(rows(
                    h,
                    "SELECT * FROM " + t.auditEvents()
                            + " WHERE tenant_id = :t AND actor = :v ORDER BY occurred_at, id",
                    tenantId,
                    Recipients.RECIPIENT_ACTOR + m.get("id"),
                    "id",
                    "actor",
                    "action",
                    "entity_type",
                    "entity_id",
                    "new_value:json",
                    "occurred_at:instant"));
        }
        d.put("audit_events_by_them", byThem);
    }

    /** Rows as ordered maps of the named columns; {@code name:json} parses JSON text, {@code :instant} etc. type. */
    private List<Map<String, Object>> rows(Handle h, String sql, String tenantId, String value, String... columns) {
        return h.createQuery(sql)
                .bind("t", tenantId)
                .bind("v", value)
                .map((rs, ctx) -> row(rs, columns))
                .list();
    }

    private Map<String, Object> row(ResultSet rs, String... columns) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String spec : columns) {
            int colon = spec.indexOf(':');
            String name = colon < 0 ? spec : spec.substring(0, colon);
            String type = colon < 0 ? "" : spec.substring(colon + 1);
            Object value = switch (type) {
                case "instant" -> {
                    Instant i = engine.sql.instant(rs, name);
                    yield i == null ? null : i.toString();
                }
                case "boolean" -> rs.getBoolean(name);
                case "json" -> {
                    String text = rs.getString(name);
                    yield text == null ? null : parse(text);
                }
                default -> rs.getString(name);
            };
            m.put(name, value);
        }
        return m;
    }

    private static Object parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return json;
        }
    }

    // ---------------------------------------------------------------- checks

    private void requireAdmin(Actor admin, String tenantId) {
        java.util.Objects.requireNonNull(admin, "admin");
        if (tenantId == null || tenantId.isBlank()) {
            throw new ReportsValidationException("tenant_id", "must not be blank");
        }
        if (!admin.isAdmin()) {
            throw new ReportsAccessDeniedException(
                    "exporting or erasing personal data needs an admin; '" + admin.userId() + "' is not one");
        }
    }

    private Pseudonyms pseudonyms() {
        Pseudonyms p = pseudonymsOrNull();
        if (p == null) {
            throw new ReportsValidationException(
                    "download-links.keys",
                    "erasure replaces addresses and user ids by a keyed hash and needs the download-link keys:"
                            + " configure downloadLinks(...) (Spring Boot: scheduled-reports.download-links.keys.*)");
        }
        return p;
    }

    private Pseudonyms pseudonymsOrNull() {
        return engine.config.privacy().pseudonyms();
    }

    /** The audit entity id of a person: a name-based UUID of the pseudonym (the column holds 36 characters). */
    static String entityId(String pseudonym) {
        return UUID.nameUUIDFromBytes(pseudonym.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }
}
