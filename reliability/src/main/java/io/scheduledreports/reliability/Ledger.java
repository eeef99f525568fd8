package io.scheduledreports.reliability;

import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.jdbc.TableNames;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one database holds of a run, read once after the fact: the executions (one per schedule and slot), their
 * deliveries and the schedules' next run. The day and backup-restore scenarios compare such snapshots (before and
 * after a restore, inside a time window) in Java, so the checks read the same on every database.
 */
record Ledger(List<Exec> executions, List<Send> deliveries, Map<String, Instant> nextRunAt) {

    /** One execution row. */
    record Exec(
            String id,
            String tenantId,
            String scheduleId,
            Instant scheduledFor,
            String trigger,
            String status,
            Instant createdAt,
            String artifactKey,
            String artifactSha256) {

        /** The slot: schedule and due time. */
        String slot() {
            return scheduleId + "@" + scheduledFor;
        }
    }

    /** One delivery row. */
    record Send(String id, String executionId, String key, String status, int attempts, Instant sentAt) {}

    /** Reads the run of table prefix {@code t} from {@code db}. */
    static Ledger read(BenchDatabase db, TableNames t) throws SQLException {
        List<Exec> executions = new ArrayList<>();
        List<Send> deliveries = new ArrayList<>();
        Map<String, Instant> next = new HashMap<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(
                    "SELECT id, tenant_id, schedule_id, scheduled_for, run_trigger, status, created_at, artifact_key,"
                            + " artifact_sha256 FROM " + t.executions())) {
                while (rs.next()) {
                    executions.add(new Exec(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            instant(rs, 4),
                            rs.getString(5),
                            rs.getString(6),
                            instant(rs, 7),
                            rs.getString(8),
                            rs.getString(9)));
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT id, execution_id, idempotency_key, status, attempts, sent_at FROM " + t.deliveries())) {
                while (rs.next()) {
                    deliveries.add(new Send(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getInt(5),
                            instant(rs, 6)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, next_run_at FROM " + t.schedules())) {
                while (rs.next()) {
                    next.put(rs.getString(1), instant(rs, 2));
                }
            }
        }
        return new Ledger(executions, deliveries, next);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime v = rs.getObject(column, OffsetDateTime.class);
        return v == null ? null : v.toInstant();
    }

    /** The executions due before {@code cutoff} and their deliveries. */
    Ledger before(Instant cutoff) {
        List<Exec> kept = executions.stream()
                .filter(e -> e.scheduledFor().isBefore(cutoff))
                .toList();
        java.util.Set<String> ids = new java.util.HashSet<>();
        kept.forEach(e -> ids.add(e.id()));
        return new Ledger(
                kept,
                deliveries.stream().filter(d -> ids.contains(d.executionId())).toList(),
                nextRunAt);
    }

    /** Executions by id. */
    Map<String, Exec> executionsById() {
        Map<String, Exec> byId = new HashMap<>();
        executions.forEach(e -> byId.put(e.id(), e));
        return byId;
    }

    /** How many executions each slot has. */
    Map<String, Integer> executionsPerSlot() {
        Map<String, Integer> counts = new HashMap<>();
        executions.forEach(e -> counts.merge(e.slot(), 1, Integer::sum));
        return counts;
    }
}
