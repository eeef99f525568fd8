package io.scheduledreports.benchmarks.harness;

import io.scheduledreports.core.PageRequest;
import io.scheduledreports.core.ScheduleQuery;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Recipient;
import java.lang.reflect.RecordComponent;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Bulk seeding for the macro benchmarks: clones schedules that were created through the public API, in SQL, so
 * that 100,000 schedules can be seeded in minutes instead of hours (the public API has no bulk create, and each
 * {@code create} checks quotas and looks for duplicates among the owner's active schedules).
 *
 * <p>A clone gets every row its template has in the tables {@code create} writes per schedule, column by column
 * as the library wrote them (the column lists are read from the database, so a column added by a later migration
 * is copied too), except:
 *
 * <ul>
 *   <li>{@code scheduled_reports}: {@code id} (a new version-7 UUID, made as the library makes them) and
 *       {@code name};
 *   <li>{@code schedule_recipients}: {@code id} (derived, below) and {@code schedule_id};
 *   <li>{@code audit_events} of the schedule: {@code id} (derived), {@code entity_id}, and in {@code old_value} /
 *       {@code new_value} the template's id, name and recipient id replaced by the clone's;
 *   <li>{@code report_scheduled_tasks} (db-scheduler's timer of the schedule): {@code task_instance}, the schedule
 *       id; {@code execution_time}, {@code priority}, {@code task_data} and the rest as the template's.
 * </ul>
 *
 * A derived id is the clone's id up to its version digit ({@code xxxxxxxx-xxxx-7}, the milliseconds), then bits of
 * {@code md5(template row id || clone id)} with the variant bits set: a valid version-7 UUID, unique per row, the
 * same in Java ({@link #derivedId}) and in SQL. Creation times ({@code created_at}, {@code occurred_at}) stay the
 * template's. {@link #requireOnlyClonedTables} checks that {@code create} wrote no row anywhere else, and
 * {@link #verify} that clones equal their templates row by row and through {@code get} and {@code list}.
 */
public final class ScheduleCloner {

    /** Tables (without the prefix) that hold rows per schedule, in insertion order (foreign keys). */
    public static final List<String> CLONED_TABLES =
            List.of("scheduled_reports", "schedule_recipients", "audit_events", "report_scheduled_tasks");

    /**
     * Tables whose rows may change while templates are created that are not per schedule: the tenant's lock row
     * ({@code create} adds one per tenant) and the disk monitor's daily sample (the engine's own maintenance writes
     * it after start, whatever {@code create} does).
     */
    public static final Set<String> SHARED_TABLES = Set.of("tenant_locks", "disk_samples");

    private static final AtomicLong LAST_ID_TIME = new AtomicLong();

    /** A template: a schedule created through the public API. */
    public record Template(String id, String name) {}

    /** A clone of a template. */
    public record Clone(String id, String name, Template template) {}

    private final BenchDatabase db;
    private final String prefix;

    /** A cloner for the tables under {@code prefix}. */
    public ScheduleCloner(BenchDatabase db, String prefix) {
        this.db = db;
        this.prefix = prefix;
    }

    /**
     * A new id as the library makes them: a version-7 UUID (milliseconds, a 12-bit sequence, random bits), in
     * increasing order within this JVM.
     */
    public static String newId() {
        long stamp = LAST_ID_TIME.updateAndGet(prev -> Math.max(prev + 1, System.currentTimeMillis() << 12));
        long msb = ((stamp >>> 12) << 16) | 0x7000L | (stamp & 0xfff);
        long lsb = (ThreadLocalRandom.current().nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** The id of a clone's copy of the row {@code templateRowId}: see the class comment. */
    public static String derivedId(String templateRowId, String cloneId) {
        String md5 = md5Hex(templateRowId + cloneId);
        return cloneId.substring(0, 15) + md5.substring(0, 3) + "-8" + md5.substring(3, 6) + "-" + md5.substring(6, 18);
    }

    private String derivedIdSql(String rowId) {
        String md5 = "md5(concat(" + rowId + ", n.sid))";
        return "concat(substr(n.sid, 1, 15), substr(" + md5 + ", 1, 3), '-8', substr(" + md5 + ", 4, 3), '-', substr("
                + md5 + ", 7, 12))";
    }

    private static String md5Hex(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows per table under the prefix (table names without the prefix, lower case). */
    public Map<String, Long> rowCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : db.tables(prefix)) {
            counts.put(
                    table.substring(prefix.length()).toLowerCase(Locale.ROOT),
                    db.count("SELECT COUNT(*) FROM " + table));
        }
        return counts;
    }

    /**
     * Fails unless creating {@code templates} schedules through the API (between {@code before} and {@code after})
     * added rows only to the tables this cloner copies and to {@link #SHARED_TABLES}, and removed none.
     */
    public static void requireOnlyClonedTables(Map<String, Long> before, Map<String, Long> after) {
        List<String> unexpected = new ArrayList<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long was = before.getOrDefault(e.getKey(), 0L);
            if (e.getValue() != was && !CLONED_TABLES.contains(e.getKey()) && !SHARED_TABLES.contains(e.getKey())) {
                unexpected.add(e.getKey() + " " + was + " -> " + e.getValue());
            }
        }
        if (!unexpected.isEmpty()) {
            throw new IllegalStateException("creating schedules through the API wrote rows the bulk seeder does not"
                    + " clone (add the table to ScheduleCloner): " + unexpected);
        }
    }

    /**
     * Clones {@code count} schedules, clone {@code k} from template {@code k % templates.size()} with name
     * {@code name.apply(k)}, {@code batch} clones per transaction (one INSERT ... SELECT per table each).
     *
     * @return the clones, in order
     */
    public List<Clone> cloneAll(List<Template> templates, int count, IntFunction<String> name, int batch)
            throws SQLException {
        if (count == 0) {
            return List.of();
        }
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("no templates for " + count + " clones");
        }
        List<Clone> clones = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            clones.add(new Clone(newId(), name.apply(k), templates.get(k % templates.size())));
        }
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            requireOneRecipientEach(c, templates);
            copyTemplateRows(c, templates);
            List<String> statements = new ArrayList<>();
            for (String table : CLONED_TABLES) {
                statements.add(insertSelect(c, table));
            }
            c.setAutoCommit(false);
            for (int from = 0; from < count; from += batch) {
                List<Clone> part = clones.subList(from, Math.min(count, from + batch));
                for (String sql : statements) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        bindClones(c, ps, part);
                        ps.executeUpdate();
                    }
                }
                c.commit();
            }
        }
        return clones;
    }

    /** The recipient id is replaced in the audit values with one {@code replace}: one recipient per template. */
    private void requireOneRecipientEach(Connection c, List<Template> templates) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT COUNT(*) FROM " + prefix + "schedule_recipients WHERE schedule_id = ?")) {
            for (Template t : templates) {
                ps.setString(1, t.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) != 1) {
                        throw new IllegalStateException(
                                "template " + t.id() + " has " + rs.getInt(1) + " recipients; the cloner needs one");
                    }
                }
            }
        }
    }

    /**
     * Copies the templates' rows of every cloned table into temporary tables of this session ({@code tpl_<table>},
     * private to the connection, gone when it closes), so that each batch joins its clones with a few hundred rows
     * instead of looking its templates up in tables that grow with every batch (the audit and task tables have no
     * index that starts with the schedule id).
     */
    private void copyTemplateRows(Connection c, List<Template> templates) throws SQLException {
        StringBuilder ids = new StringBuilder();
        for (Template t : templates) {
            ids.append(ids.isEmpty() ? "" : ", ")
                    .append('\'')
                    .append(UUID.fromString(t.id()))
                    .append('\'');
        }
        try (Statement s = c.createStatement()) {
            for (String table : CLONED_TABLES) {
                s.execute("CREATE TEMPORARY TABLE tpl_" + table + " AS SELECT * FROM " + prefix + table + " WHERE "
                        + templateKey(table) + " IN (" + ids + ")");
            }
        }
    }

    /** The column of {@code table} that holds the schedule id. */
    private static String templateKey(String table) {
        return switch (table) {
            case "scheduled_reports" -> "id";
            case "schedule_recipients" -> "schedule_id";
            case "audit_events" -> "entity_id";
            default -> "task_instance";
        };
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnName(i).toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }

    /** The clones as a relation {@code n(sid, nm, tid, tnm)}: one parameter (MariaDB) or four arrays (PostgreSQL). */
    private String clonesRelation() {
        if (db.isMariaDb()) {
            return "JSON_TABLE(?, '$[*]' COLUMNS (sid VARCHAR(36) PATH '$[0]', nm VARCHAR(200) PATH '$[1]',"
                    + " tid VARCHAR(36) PATH '$[2]', tnm VARCHAR(200) PATH '$[3]')) n";
        }
        return "unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) AS n(sid, nm, tid, tnm)";
    }

    private void bindClones(Connection c, PreparedStatement ps, List<Clone> part) throws SQLException {
        if (db.isMariaDb()) {
            StringBuilder json = new StringBuilder("[");
            for (Clone k : part) {
                json.append(json.length() > 1 ? "," : "")
                        .append('[')
                        .append(jsonString(k.id()))
                        .append(',')
                        .append(jsonString(k.name()))
                        .append(',')
                        .append(jsonString(k.template().id()))
                        .append(',')
                        .append(jsonString(k.template().name()))
                        .append(']');
            }
            ps.setString(1, json.append(']').toString());
            return;
        }
        String[][] cols = new String[4][part.size()];
        for (int i = 0; i < part.size(); i++) {
            Clone k = part.get(i);
            cols[0][i] = k.id();
            cols[1][i] = k.name();
            cols[2][i] = k.template().id();
            cols[3][i] = k.template().name();
        }
        for (int j = 0; j < 4; j++) {
            Array a = c.createArrayOf("varchar", cols[j]);
            ps.setArray(j + 1, a);
        }
    }

    private static String jsonString(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** {@code INSERT INTO table (all columns) SELECT (template's, or the clone's where it differs) ...}. */
    private String insertSelect(Connection c, String table) throws SQLException {
        String full = prefix + table;
        String tpl = "tpl_" + table;
        List<String> columns = columns(c, full);
        Map<String, String> exprs = new LinkedHashMap<>();
        for (String col : columns) {
            exprs.put(col, "t." + col);
        }
        String from;
        switch (table) {
            case "scheduled_reports" -> {
                exprs.put("id", "n.sid");
                exprs.put("name", "n.nm");
                from = tpl + " t JOIN " + clonesRelation() + " ON t.id = n.tid";
            }
            case "schedule_recipients" -> {
                exprs.put("id", derivedIdSql("t.id"));
                exprs.put("schedule_id", "n.sid");
                from = tpl + " t JOIN " + clonesRelation() + " ON t.schedule_id = n.tid";
            }
            case "audit_events" -> {
                exprs.put("id", derivedIdSql("t.id"));
                exprs.put("entity_id", "n.sid");
                exprs.put("old_value", auditValueSql("t.old_value"));
                exprs.put("new_value", auditValueSql("t.new_value"));
                from = tpl + " t JOIN " + clonesRelation() + " ON t.entity_type = 'schedule' AND t.entity_id = n.tid"
                        + " JOIN tpl_schedule_recipients r ON r.schedule_id = n.tid";
            }
            case "report_scheduled_tasks" -> {
                exprs.put("task_instance", "n.sid");
                from = tpl + " t JOIN " + clonesRelation() + " ON t.task_instance = n.tid";
            }
            default -> throw new IllegalArgumentException(table);
        }
        return "INSERT INTO " + full + " (" + String.join(", ", exprs.keySet()) + ") SELECT "
                + String.join(", ", exprs.values()) + " FROM " + from;
    }

    /** The template's id, {@code "name":"..."} and recipient id in an audit value replaced by the clone's. */
    private String auditValueSql(String column) {
        return "replace(replace(replace(" + column + ", t.entity_id, n.sid), concat('\"name\":\"', n.tnm, '\"'),"
                + " concat('\"name\":\"', n.nm, '\"')), r.id, " + derivedIdSql("r.id") + ")";
    }

    /** {@link #auditValueSql} in Java, for the checks. */
    private static String auditValue(String value, Clone k, String templateRecipientId) {
        if (value == null) {
            return null;
        }
        return value.replace(k.template().id(), k.id())
                .replace("\"name\":\"" + k.template().name() + "\"", "\"name\":\"" + k.name() + "\"")
                .replace(templateRecipientId, derivedId(templateRecipientId, k.id()));
    }

    /**
     * Checks that each clone is its template as the library would have written it: table by table every column
     * equal to the template's except the documented ones, which must hold the clone's values; and through the
     * public API, {@code get} returns the template's schedule except id, name and recipient ids, and
     * {@code list} finds the clone by its name.
     *
     * @param reports an engine on the same tables
     * @param templates the templates as {@code create} returned them, by id
     * @param clones the clones to check (a sample)
     * @return the number of clones checked
     * @throws IllegalStateException naming the first difference
     */
    public int verify(ScheduledReports reports, Map<String, ScheduledReport> templates, List<Clone> clones)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            for (Clone k : clones) {
                verifyRows(c, k);
                ScheduledReport created =
                        Objects.requireNonNull(templates.get(k.template().id()), "template");
                Actor actor = Actor.of(created.tenantId(), created.ownerId());
                ScheduledReport template = reports.get(actor, created.id()); // as read, without create's warnings
                ScheduledReport clone = reports.get(actor, k.id());
                Map<String, Object> expected = comparable(template);
                expected.put("id", k.id());
                expected.put("name", k.name());
                Map<String, Object> actual = comparable(clone);
                if (!expected.equals(actual)) {
                    throw new IllegalStateException("get(" + k.id() + ") differs from its template " + template.id()
                            + ":\n  expected " + expected + "\n  actual   " + actual);
                }
                List<ScheduledReport> found = reports
                        .list(
                                actor,
                                new ScheduleQuery(
                                        null,
                                        null,
                                        null,
                                        PageRequest.of(0, PageRequest.MAX_SIZE),
                                        k.name(),
                                        false,
                                        ScheduleQuery.Sort.CREATED_AT))
                        .items()
                        .stream()
                        .filter(s -> s.id().equals(k.id()))
                        .toList();
                if (found.size() != 1 || !comparable(found.getFirst()).equals(actual)) {
                    throw new IllegalStateException("list(name contains " + k.name() + ") did not return clone "
                            + k.id() + " as get does: " + found);
                }
            }
        }
        return clones.size();
    }

    /** A schedule's fields by record component, recipients without their ids (a clone's are its own). */
    private static Map<String, Object> comparable(ScheduledReport s) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent rc : ScheduledReport.class.getRecordComponents()) {
            try {
                m.put(rc.getName(), rc.getAccessor().invoke(s));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        List<Recipient> recipients = s.recipients();
        m.put(
                "recipients",
                recipients.stream()
                        .map(r -> new Recipient(null, r.channel(), r.destination(), r.options()))
                        .toList());
        return m;
    }

    private void verifyRows(Connection c, Clone k) throws SQLException {
        String templateRecipientId = rows(
                        c, "schedule_recipients", "schedule_id", k.template().id())
                .getFirst()
                .get("id")
                .toString();
        for (String table : CLONED_TABLES) {
            String key = templateKey(table);
            List<Map<String, Object>> mine = rows(c, table, key, k.id());
            List<Map<String, Object>> theirs = rows(c, table, key, k.template().id());
            if (mine.size() != theirs.size()) {
                throw new IllegalStateException(
                        table + ": clone " + k.id() + " has " + mine.size() + " rows, its template " + theirs.size());
            }
            Map<Object, Map<String, Object>> mineById = new HashMap<>();
            for (Map<String, Object> row : mine) {
                mineById.put(row.get("id"), row);
            }
            for (Map<String, Object> t : theirs) {
                Map<String, Object> expected = new LinkedHashMap<>(t);
                switch (table) {
                    case "scheduled_reports" -> {
                        expected.put("id", k.id());
                        expected.put("name", k.name());
                    }
                    case "schedule_recipients" -> {
                        expected.put("id", derivedId(t.get("id").toString(), k.id()));
                        expected.put("schedule_id", k.id());
                    }
                    case "audit_events" -> {
                        expected.put("id", derivedId(t.get("id").toString(), k.id()));
                        expected.put("entity_id", k.id());
                        expected.put("old_value", auditValue((String) t.get("old_value"), k, templateRecipientId));
                        expected.put("new_value", auditValue((String) t.get("new_value"), k, templateRecipientId));
                    }
                    default -> expected.put("task_instance", k.id());
                }
                Map<String, Object> actual =
                        table.equals("report_scheduled_tasks") ? mine.getFirst() : mineById.get(expected.get("id"));
                if (!expected.equals(actual)) {
                    throw new IllegalStateException(table + ": clone row differs from what its template implies:\n  "
                            + "expected " + expected + "\n  actual   " + actual);
                }
            }
        }
    }

    private List<Map<String, Object>> rows(Connection c, String table, String key, String value) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT * FROM " + prefix + table + " WHERE " + key + " = ? ORDER BY 1")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        row.put(
                                md.getColumnName(i).toLowerCase(Locale.ROOT),
                                v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
