package io.scheduledreports.core.internal;

import io.scheduledreports.core.AuditAction;
import io.scheduledreports.core.AuditEvent;
import io.scheduledreports.core.AuditQuery;
import io.scheduledreports.core.ExecutionQuery;
import io.scheduledreports.core.internal.Rows.ExecutionRow;
import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.core.params.RelativeDates;
import io.scheduledreports.jdbc.TableNames;
import io.scheduledreports.spi.DateRange;
import io.scheduledreports.spi.ParameterSpec;
import io.scheduledreports.spi.ReportType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads across schedules: a tenant's executions and its audit log, filtered and newest first, each served by an
 * index of migration V7; and the resolved parameters written beside each new execution.
 */
final class Listings {

    private final SqlSupport sql;
    private final ScheduleTable scheduleTable;
    private final ExecutionTable executionTable;
    private final TableNames t;
    private final EngineConfig config;

    Listings(SqlSupport sql, ScheduleTable scheduleTable, ExecutionTable executionTable, EngineConfig config) {
        this.sql = sql;
        this.scheduleTable = scheduleTable;
        this.executionTable = executionTable;
        this.t = config.tables();
        this.config = config;
    }

    /** The schedule's parameters with relative dates resolved for a run at {@code scheduledFor}, as JSON. */
    String resolvedParams(ScheduleRow s, Instant scheduledFor) {
        Map<String, Object> params = Json.readMap(s.reportParams());
        ReportType type = config.reportTypes().get(s.reportType());
        Map<String, Object> resolved = params;
        if (type != null) {
            Set<String> ranges = type.parameters().stream()
                    .filter(p -> p.kind() == ParameterSpec.Kind.DATE_RANGE)
                    .map(ParameterSpec::name)
                    .collect(Collectors.toSet());
            try {
                resolved = RelativeDates.resolveAll(params, ranges, scheduledFor, ZoneId.of(s.timezone()));
            } catch (IllegalArgumentException e) {
                resolved = params; // generation reports the bad token with its category
            }
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        resolved.forEach((k, v) -> shown.put(k, v instanceof DateRange r ? dateRange(r) : v));
        return Json.write(shown);
    }

    private static Map<String, Object> dateRange(DateRange r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", r.start().toString());
        m.put("end", r.endInclusive().toString());
        m.put("end_exclusive", r.endExclusive().toString());
        m.put("timezone", r.zone().getId());
        return m;
    }

    /**
     * Executions of a tenant across schedules, newest first ({@code created_at}, then id).
     *
     * @param ownerId only schedules of this owner (least privilege), or null
     */
    Rows.Counted<ExecutionRow> executions(Handle h, String tenantId, String ownerId, ExecutionQuery q) {
        boolean join = ownerId != null || q.reportType() != null;
        StringBuilder from = new StringBuilder(" FROM " + t.executions() + " e");
        if (join) {
            from.append(" JOIN ").append(t.schedules()).append(" s ON s.id = e.schedule_id");
        }
        from.append(" WHERE e.tenant_id = :tenantId");
        if (ownerId != null) {
            from.append(" AND s.owner_id = :ownerId");
        }
        if (q.reportType() != null) {
            from.append(" AND s.report_type = :reportType");
        }
        if (q.status() != null) {
            from.append(" AND e.status = :status");
        }
        if (q.trigger() != null) {
            from.append(" AND e.run_trigger = :trigger");
        }
        if (q.scheduleId() != null) {
            from.append(" AND e.schedule_id = :scheduleId");
        }
        if (q.from() != null) {
            from.append(" AND e.created_at >= :from");
        }
        if (q.to() != null) {
            from.append(" AND e.created_at < :to");
        }
        java.util.function.UnaryOperator<Query> bind = query -> {
            query.bind("tenantId", tenantId);
            bindIf(query, "ownerId", ownerId);
            bindIf(query, "reportType", q.reportType());
            bindIf(query, "status", q.status() == null ? null : q.status().name());
            bindIf(query, "trigger", q.trigger() == null ? null : q.trigger().name());
            bindIf(query, "scheduleId", q.scheduleId());
            bindIf(query, "from", q.from());
            bindIf(query, "to", q.to());
            return query;
        };
        long total = bind.apply(h.createQuery("SELECT COUNT(*)" + from))
                .mapTo(Long.class)
                .one();
        return new Rows.Counted<>(
                bind.apply(h.createQuery("SELECT e.*" + from
                                + " ORDER BY e.created_at DESC, e.id DESC LIMIT :limit OFFSET :offset"))
                        .bind("limit", q.page().size())
                        .bind("offset", q.page().page() * q.page().size())
                        .map((rs, ctx) -> executionTable.execution(rs))
                        .list(),
                total);
    }

    /**
     * How a schedule's runs went lately.
     *
     * @param lastRunStatus status of its latest execution, or null
     * @param lastErrorCategory category of its latest failure while failing, else null
     * @param consecutiveFailures failed runs since the latest successful one, up to {@value #MAX_COUNTED_FAILURES}
     */
    record RunHealth(
            io.scheduledreports.core.ExecutionStatus lastRunStatus,
            io.scheduledreports.spi.ErrorCategory lastErrorCategory,
            int consecutiveFailures) {}

    /** Most consecutive failures counted. */
    static final int MAX_COUNTED_FAILURES = 100;

    /** Statuses that end a failure streak: the run produced its report. */
    private static final String SUCCESSES = "('SUCCEEDED', 'PARTIALLY_DELIVERED', 'EXPIRED')";

    RunHealth runHealth(Handle h, String scheduleId) {
        List<String[]> runs = h.createQuery("SELECT status, error_category FROM " + t.executions()
                        + " WHERE schedule_id = :s ORDER BY scheduled_for DESC, created_at DESC, id DESC LIMIT :n")
                .bind("s", scheduleId)
                .bind("n", MAX_COUNTED_FAILURES + 20)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        if (runs.isEmpty()) {
            return new RunHealth(null, null, 0);
        }
        int failures = 0;
        String category = null;
        for (String[] run : runs) {
            if (SUCCESSES.contains("'" + run[0] + "'") || failures == MAX_COUNTED_FAILURES) {
                break;
            }
            if ("FAILED".equals(run[0])) {
                if (failures++ == 0) {
                    category = run[1];
                }
            }
        }
        return new RunHealth(
                io.scheduledreports.core.ExecutionStatus.valueOf(runs.get(0)[0]),
                category == null ? null : io.scheduledreports.spi.ErrorCategory.valueOf(category),
                failures);
    }

    /** Visible (not deleted) schedules, filtered, sorted and paged; {@code tenantId} null means every tenant. */
    Rows.Counted<ScheduleRow> schedules(
            Handle h, String tenantId, io.scheduledreports.core.ScheduleQuery q, String readerId) {
        StringBuilder where = new StringBuilder(" FROM " + t.schedules() + " s WHERE s.status <> 'DELETED'");
        if (tenantId != null) {
            where.append(" AND s.tenant_id = :tenantId");
        }
        if (readerId != null) {
            // visibility RECIPIENTS: the reader's own schedules and those it receives
            where.append(" AND (s.owner_id = :readerId OR s.id IN (SELECT schedule_id FROM ")
                    .append(t.recipients())
                    .append(" WHERE LOWER(destination) = :readerLower))");
        }
        if (q.ownerId() != null) {
            where.append(" AND s.owner_id = :ownerId");
        }
        if (q.status() != null) {
            where.append(" AND s.status = :status");
        }
        if (q.reportType() != null) {
            where.append(" AND s.report_type = :reportType");
        }
        if (q.nameContains() != null) {
            where.append(" AND LOWER(s.name) LIKE :name ESCAPE '!'");
        }
        if (q.failing()) {
            where.append(" AND EXISTS (SELECT 1 FROM " + t.executions() + " f WHERE f.schedule_id = s.id"
                    + " AND f.status = 'FAILED' AND NOT EXISTS (SELECT 1 FROM " + t.executions() + " ok"
                    + " WHERE ok.schedule_id = s.id AND ok.status IN " + SUCCESSES
                    + " AND ok.scheduled_for > f.scheduled_for))");
        }
        String order = switch (q.sort()) {
            case CREATED_AT -> "s.created_at DESC, s.id";
            case NEXT_RUN_AT -> "CASE WHEN s.next_run_at IS NULL THEN 1 ELSE 0 END, s.next_run_at, s.id";
            case NAME -> "LOWER(s.name), s.id";
            case LAST_RUN_AT -> "CASE WHEN s.last_run_at IS NULL THEN 1 ELSE 0 END, s.last_run_at DESC, s.id";
        };
        java.util.function.UnaryOperator<Query> bind = query -> {
            bindIf(query, "tenantId", tenantId);
            if (readerId != null) {
                query.bind("readerId", readerId).bind("readerLower", readerId.toLowerCase(java.util.Locale.ROOT));
            }
            bindIf(query, "ownerId", q.ownerId());
            bindIf(query, "status", q.status() == null ? null : q.status().name());
            bindIf(query, "reportType", q.reportType());
            if (q.nameContains() != null) {
                String escaped = q.nameContains()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replace("!", "!!")
                        .replace("%", "!%")
                        .replace("_", "!_");
                query.bind("name", "%" + escaped + "%");
            }
            return query;
        };
        long total = bind.apply(h.createQuery("SELECT COUNT(*)" + where))
                .mapTo(Long.class)
                .one();
        return new Rows.Counted<>(
                bind.apply(h.createQuery("SELECT s.*" + where + " ORDER BY " + order + " LIMIT :limit OFFSET :offset"))
                        .bind("limit", q.page().size())
                        .bind("offset", q.page().page() * q.page().size())
                        .map((rs, ctx) -> scheduleTable.schedule(rs))
                        .list(),
                total);
    }

    /** The SQL of {@link #audit}, for EXPLAIN in tests and benchmarks. */
    String auditSql(AuditQuery q, boolean page) {
        StringBuilder sql = new StringBuilder("SELECT * FROM " + t.auditEvents() + " WHERE tenant_id = :tenantId");
        if (q.entityId() != null) {
            sql.append(" AND entity_id = :entityId");
        }
        if (q.actor() != null) {
            sql.append(" AND actor = :actor");
        }
        if (q.action() != null) {
            sql.append(" AND action = :action");
        }
        if (q.from() != null) {
            sql.append(" AND occurred_at >= :from");
        }
        if (q.to() != null) {
            sql.append(" AND occurred_at < :to");
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC");
        if (page) {
            sql.append(" LIMIT :limit OFFSET :offset");
        }
        return sql.toString();
    }

    private Query auditQuery(Handle h, String sql, String tenantId, AuditQuery q) {
        Query query = h.createQuery(sql).bind("tenantId", tenantId);
        bindIf(query, "entityId", q.entityId());
        bindIf(query, "actor", q.actor());
        bindIf(query, "action", q.action() == null ? null : q.action().name());
        bindIf(query, "from", q.from());
        bindIf(query, "to", q.to());
        return query;
    }

    /** One page of a tenant's audit events, newest first, with the number of matches. */
    Rows.Counted<AuditEvent> audit(Handle h, String tenantId, AuditQuery q) {
        String count = auditSql(q, false)
                .replace("SELECT *", "SELECT COUNT(*)")
                .replace(" ORDER BY occurred_at DESC, id DESC", "");
        long total = auditQuery(h, count, tenantId, q).mapTo(Long.class).one();
        return new Rows.Counted<>(
                auditQuery(h, auditSql(q, true), tenantId, q)
                        .bind("limit", q.page().size())
                        .bind("offset", q.page().page() * q.page().size())
                        .map((rs, ctx) -> auditEvent(rs))
                        .list(),
                total);
    }

    /** Every matching event, newest first, streamed in batches to {@code sink}; returns how many. */
    long streamAudit(Handle h, String tenantId, AuditQuery q, Consumer<AuditEvent> sink) {
        long[] n = new long[1];
        try (var rows =
                auditQuery(h, auditSql(q, false), tenantId, q)
                        .setFetchSize(500)
                        .map((rs, ctx) -> auditEvent(rs))
                        .stream()) {
            rows.forEach(e -> {
                sink.accept(e);
                n[0]++;
            });
        }
        return n[0];
    }

    private static AuditAction auditAction(String stored) {
        try {
            return AuditAction.valueOf(stored);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException(
                    "audit_events.action '" + stored + "' is no AuditAction: every action written must be one", e);
        }
    }

    private AuditEvent auditEvent(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AuditEvent(
                rs.getString("id"),
                rs.getString("tenant_id"),
                rs.getString("actor"),
                auditAction(rs.getString("action")),
                rs.getString("entity_type"),
                rs.getString("entity_id"),
                rs.getString("old_value"),
                rs.getString("new_value"),
                sql.instant(rs, "occurred_at"));
    }

    private static void bindIf(Query q, String name, Object value) {
        if (value != null) {
            q.bind(name, value);
        }
    }
}
