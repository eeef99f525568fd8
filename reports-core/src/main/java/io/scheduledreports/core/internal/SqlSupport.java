package io.scheduledreports.core.internal;

import io.scheduledreports.jdbc.Dialect;
import io.scheduledreports.jdbc.TableNames;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * What the table classes share: statements whose SQL names tables as {@code <executions>} placeholders (every
 * method of {@link TableNames} that names a table is defined once here, with the configured prefix), new ids, and
 * timestamps read as the dialect stores them.
 *
 * <p>{@link #render} replaces {@code <name>} with the table's name (other tokens are left to Jdbi's template
 * engine); comparisons stay as they are as long as {@code <} is not directly followed by a name and {@code >}
 * ({@code a <> b} and {@code a < :b} are fine).
 */
final class SqlSupport {

    private final Dialect dialect;
    private final boolean localTimestamps;
    private final Map<String, String> tables;

    SqlSupport(TableNames names, Dialect dialect) {
        this.dialect = dialect;
        this.localTimestamps = dialect.storesLocalTimestamps();
        this.tables = tableDefines(names);
    }

    /** The database's dialect, for the few statements that differ. */
    Dialect dialect() {
        return dialect;
    }

    /** Every table name of {@code names} by the name of its method ({@code executions}, {@code deadLetters}, ...). */
    static Map<String, String> tableDefines(TableNames names) {
        return Map.ofEntries(
                Map.entry("schedules", names.schedules()),
                Map.entry("recipients", names.recipients()),
                Map.entry("executions", names.executions()),
                Map.entry("deliveries", names.deliveries()),
                Map.entry("auditEvents", names.auditEvents()),
                Map.entry("deadLetters", names.deadLetters()),
                Map.entry("tenantPermits", names.tenantPermits()),
                Map.entry("channelRateWindows", names.channelRateWindows()),
                Map.entry("channelRateReservations", names.channelRateReservations()),
                Map.entry("tenantLocks", names.tenantLocks()),
                Map.entry("holidayCalendars", names.holidayCalendars()),
                Map.entry("diskSamples", names.diskSamples()),
                Map.entry("tasks", names.tasks()),
                Map.entry("schemaVersion", names.schemaVersion()),
                Map.entry("attemptFailures", names.attemptFailures()),
                Map.entry("opsAlerts", names.opsAlerts()));
    }

    /** A query whose SQL may name tables as {@code <name>}. */
    Query query(Handle h, String sql) {
        return h.createQuery(render(sql));
    }

    /** An update whose SQL may name tables as {@code <name>}. */
    Update update(Handle h, String sql) {
        return h.createUpdate(render(sql));
    }

    /** A batch of one statement whose SQL may name tables as {@code <name>} (sent in one round trip). */
    org.jdbi.v3.core.statement.PreparedBatch batch(Handle h, String sql) {
        return h.prepareBatch(render(sql));
    }

    /** SQL texts whose table placeholders are replaced already; bounded (SQL built per call is rendered anew). */
    private final Map<String, String> rendered = new ConcurrentHashMap<>();

    private static final int MAX_RENDERED = 2_000;

    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z]+)>");

    /**
     * {@code sql} with each {@code <name>} of a table replaced by its name, once per SQL text: what defining the
     * tables on every statement did (Jdbi's template engine), without copying sixteen attributes into each
     * statement's configuration. Other {@code <name>} tokens (a statement's own definitions, {@code bindList}) are
     * left to Jdbi.
     */
    String render(String sql) {
        String done = rendered.get(sql);
        if (done != null) {
            return done;
        }
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length() + 64);
        while (m.find()) {
            String table = tables.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(table == null ? m.group() : table));
        }
        m.appendTail(out);
        done = out.toString();
        if (rendered.size() < MAX_RENDERED) {
            rendered.put(sql, done);
        }
        return done;
    }

    private static final java.util.concurrent.atomic.AtomicLong LAST_ID_TIME =
            new java.util.concurrent.atomic.AtomicLong();

    /**
     * A new id: a version-7 UUID (milliseconds, then a per-JVM sequence, then random bits), so ids sort in
     * creation order within a JVM and roughly across JVMs, which keeps indexes compact and lists stable.
     */
    static String newId() {
        long stamp = LAST_ID_TIME.updateAndGet(prev -> Math.max(prev + 1, System.currentTimeMillis() << 12));
        long millis = stamp >>> 12;
        long seq = stamp & 0xfff;
        long msb = (millis << 16) | 0x7000L | seq;
        long lsb = (java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0x3fffffffffffffffL)
                | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    static <E extends Enum<E>> Map<E, Long> toEnumMap(Map<String, Long> counts, Class<E> type) {
        Map<E, Long> result = new EnumMap<>(type);
        counts.forEach((k, v) -> result.put(Enum.valueOf(type, k), v));
        return result;
    }

    Instant instant(ResultSet rs, String column) throws SQLException {
        if (localTimestamps) {
            LocalDateTime v = rs.getObject(column, LocalDateTime.class);
            return v == null ? null : v.toInstant(ZoneOffset.UTC);
        }
        OffsetDateTime v = rs.getObject(column, OffsetDateTime.class);
        return v == null ? null : v.toInstant();
    }
}
