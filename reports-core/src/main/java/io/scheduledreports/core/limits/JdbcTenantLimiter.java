package io.scheduledreports.core.limits;

import io.scheduledreports.jdbc.Dialect;
import io.scheduledreports.jdbc.TableNames;
import io.scheduledreports.jdbc.internal.ReportsJdbi;
import io.scheduledreports.spi.TenantLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * A cluster-wide {@link TenantLimiter} on the library's {@code tenant_permits} table. A tenant with limit N has
 * N slots; taking a permit claims a free slot with a single conditional statement (insert of a missing slot, or
 * compare-and-set of an expired one), so two instances can never hold the same slot. Permits are leases: the
 * permits of an instance that died expire and are taken over. No locks are held between statements.
 */
public final class JdbcTenantLimiter implements TenantLimiter {

    private record Slot(int slot, String workId, Instant expiresAt) {}

    private final Jdbi jdbi;
    private final TableNames tables;
    private final TenantLimits limits;
    private final Clock clock;
    private final String holder;

    /**
     * Creates the limiter (the tables are created by the engine's migrations).
     *
     * @param dataSource the database
     * @param tables table names
     * @param limits per-tenant limits
     * @param clock time source for leases
     * @param holder name of this instance, stored with its permits for operators
     */
    public JdbcTenantLimiter(
            DataSource dataSource, TableNames tables, TenantLimits limits, Clock clock, String holder) {
        this.jdbi = ReportsJdbi.create(dataSource, Dialect.detect(dataSource));
        this.tables = Objects.requireNonNull(tables, "tables");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.holder = holder == null || holder.isBlank()
                ? "unknown"
                : holder.length() > 100 ? holder.substring(0, 100) : holder;
    }

    @Override
    public Optional<Permit> tryAcquire(String tenantId, String workId, Duration lease) {
        Instant now = clock.instant();
        Map<Integer, Slot> slots = new HashMap<>();
        for (Slot s : slots(tenantId)) {
            slots.put(s.slot(), s);
            if (s.workId().equals(workId)
                    && s.expiresAt().isAfter(now)
                    && extend(tenantId, s.slot(), workId, now.plus(lease))) {
                return Optional.of(new JdbcPermit(tenantId, s.slot(), workId));
            }
        }
        int limit = limits.limitOf(tenantId);
        for (int slot = 0; slot < limit; slot++) {
            Slot current = slots.get(slot);
            boolean claimed = current == null
                    ? insert(tenantId, slot, workId, now.plus(lease))
                    : !current.expiresAt().isAfter(now) && takeOver(tenantId, current, workId, now.plus(lease));
            if (claimed) {
                return Optional.of(new JdbcPermit(tenantId, slot, workId));
            }
        }
        return Optional.empty();
    }

    /** Unexpired permits of a tenant (for tests, metrics and operators). */
    public int held(String tenantId) {
        Instant now = clock.instant();
        return (int)
                slots(tenantId).stream().filter(s -> s.expiresAt().isAfter(now)).count();
    }

    private List<Slot> slots(String tenantId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT slot, work_id, expires_at FROM " + tables.tenantPermits() + " WHERE tenant_id = :t")
                .bind("t", tenantId)
                .map((rs, ctx) -> new Slot(
                        rs.getInt("slot"),
                        rs.getString("work_id"),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "expires_at", ctx)))
                .list());
    }

    private boolean insert(String tenantId, int slot, String workId, Instant expiresAt) {
        try {
            return jdbi.withHandle(h -> h.createUpdate("INSERT INTO " + tables.tenantPermits()
                                    + " (tenant_id, slot, work_id, holder, expires_at) VALUES (:t, :s, :w, :h, :e)")
                            .bind("t", tenantId)
                            .bind("s", slot)
                            .bind("w", workId)
                            .bind("h", holder)
                            .bind("e", expiresAt)
                            .execute())
                    == 1;
        } catch (StatementException taken) {
            return false; // another instance inserted the slot first
        }
    }

    private boolean takeOver(String tenantId, Slot expired, String workId, Instant expiresAt) {
        return jdbi.withHandle(h -> h.createUpdate(
                                "UPDATE " + tables.tenantPermits()
                                        + " SET work_id = :w, holder = :h, expires_at = :e"
                                        + " WHERE tenant_id = :t AND slot = :s AND work_id = :oldWork AND expires_at = :oldExpiry")
                        .bind("t", tenantId)
                        .bind("s", expired.slot())
                        .bind("w", workId)
                        .bind("h", holder)
                        .bind("e", expiresAt)
                        .bind("oldWork", expired.workId())
                        .bind("oldExpiry", expired.expiresAt())
                        .execute())
                == 1;
    }

    private boolean extend(String tenantId, int slot, String workId, Instant expiresAt) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE " + tables.tenantPermits() + " SET expires_at = :e"
                                + " WHERE tenant_id = :t AND slot = :s AND work_id = :w")
                        .bind("t", tenantId)
                        .bind("s", slot)
                        .bind("w", workId)
                        .bind("e", expiresAt)
                        .execute())
                == 1;
    }

    private final class JdbcPermit implements Permit {
        private final String tenantId;
        private final int slot;
        private final String workId;
        private volatile boolean closed;

        JdbcPermit(String tenantId, int slot, String workId) {
            this.tenantId = tenantId;
            this.slot = slot;
            this.workId = workId;
        }

        @Override
        public void renew(Duration lease) {
            extend(tenantId, slot, workId, clock.instant().plus(lease));
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM " + tables.tenantPermits()
                            + " WHERE tenant_id = :t AND slot = :s AND work_id = :w")
                    .bind("t", tenantId)
                    .bind("s", slot)
                    .bind("w", workId)
                    .execute());
        }
    }
}
