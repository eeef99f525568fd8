package io.scheduledreports.core.internal;

import io.scheduledreports.jdbc.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** What the table classes share: new ids, and timestamps read as the dialect stores them. */
final class SqlSupport {

    private final boolean localTimestamps;

    SqlSupport(Dialect dialect) {
        this.localTimestamps = dialect.storesLocalTimestamps();
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
