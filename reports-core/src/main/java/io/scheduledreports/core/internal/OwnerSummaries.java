package io.scheduledreports.core.internal;

import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.core.recipients.WeeklySummary;
import io.scheduledreports.core.schedule.ScheduleSpec;
import io.scheduledreports.jdbc.TableNames;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly owner summary: a db-scheduler recurring task (one per cluster) that, per owner with schedules,
 * claims a row in {@code owner_summaries} keyed by (tenant, owner, week) and queues the owner's message in the
 * same transaction, so each owner gets one summary per week however often or wherever the job runs. Owners in
 * {@code owner_summary_opt_outs} get none. Also the SQL of both tables.
 */
public final class OwnerSummaries {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerSummaries.class);
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", java.util.Locale.ENGLISH);
    /** Most lines per list in one summary; the rest is counted. */
    static final int MAX_LINES = 25;

    private final Engine engine;
    private final TableNames t;
    private final String markers;
    private final String optOuts;

    OwnerSummaries(Engine engine) {
        this.engine = engine;
        this.t = engine.config.tables();
        this.markers = t.prefix() + "owner_summaries";
        this.optOuts = t.prefix() + "owner_summary_opt_outs";
    }

    /**
     * Runs the job now for the latest scheduled moment at or before now (the same week as the scheduled run, so
     * owners already done are skipped); returns how many summaries it queued. Without summaries configured: 0.
     */
    public int runNow() {
        WeeklySummary weekly = engine.config.privacy().weeklySummary();
        if (weekly == null) {
            return 0;
        }
        Instant now = engine.config.clock().instant();
        java.time.ZonedDateTime at = now.atZone(weekly.zone())
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(weekly.day()))
                .with(weekly.time());
        if (at.toInstant().isAfter(now)) {
            at = at.minusWeeks(1);
        }
        return run(at.toInstant());
    }

    /** The job: summarises the week that ends at {@code end} for every owner not yet done; returns how many. */
    int run(Instant end) {
        WeeklySummary weekly = engine.config.privacy().weeklySummary();
        if (weekly == null) {
            return 0;
        }
        String week = end.atZone(weekly.zone()).toLocalDate().toString();
        List<String[]> owners = engine.tx.read(h -> h.createQuery("SELECT DISTINCT s.tenant_id, s.owner_id FROM "
                        + t.schedules() + " s WHERE s.status <> 'DELETED' AND NOT EXISTS (SELECT 1 FROM " + optOuts
                        + " o WHERE o.tenant_id = s.tenant_id AND o.owner_id = s.owner_id) AND NOT EXISTS (SELECT 1"
                        + " FROM " + markers + " m WHERE m.tenant_id = s.tenant_id AND m.owner_id = s.owner_id"
                        + " AND m.week_start = :week) ORDER BY s.tenant_id, s.owner_id")
                .bind("week", week)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                .list());
        int queued = 0;
        for (String[] owner : owners) {
            try {
                if (summarise(owner[0], owner[1], week, end, weekly.zone())) {
                    queued++;
                }
            } catch (RuntimeException e) {
                // another instance claimed it (primary key), or this owner's data failed: the others still go
                LOG.warn("Weekly summary of owner {} in tenant {} not queued: {}", owner[1], owner[0], e.toString());
            }
        }
        LOG.info("Weekly summaries for the week to {}: {} queued, {} owner(s) looked at", end, queued, owners.size());
        return queued;
    }

    private boolean summarise(String tenantId, String ownerId, String week, Instant end, ZoneId zone) {
        Instant now = engine.config.clock().instant();
        return engine.tx.inTx(h -> {
            String address = engine.ownerMail.addressOf(tenantId, ownerId).orElse(null);
            h.createUpdate("INSERT INTO " + markers + " (tenant_id, owner_id, week_start, status, created_at)"
                            + " VALUES (:t, :o, :w, :s, :now)")
                    .bind("t", tenantId)
                    .bind("o", ownerId)
                    .bind("w", week)
                    .bind("s", address == null ? "NO_ADDRESS" : "QUEUED")
                    .bind("now", now)
                    .execute();
            if (address == null) {
                return false;
            }
            String body = text(h, tenantId, ownerId, end.minus(Duration.ofDays(7)), end, zone);
            return engine.ownerMail.queue(
                    h,
                    tenantId,
                    ownerId,
                    "summary/" + tenantId + "/" + ownerId + "/" + week,
                    "Your scheduled reports: weekly summary to " + week,
                    body,
                    zone);
        });
    }

    /** The summary of one owner's week {@code [from, to)}. */
    String text(Handle h, String tenantId, String ownerId, Instant from, Instant to, ZoneId zone) {
        List<ScheduleRow> schedules = h.createQuery("SELECT * FROM " + t.schedules()
                        + " WHERE tenant_id = :t AND owner_id = :o AND status <> 'DELETED' ORDER BY name, id")
                .bind("t", tenantId)
                .bind("o", ownerId)
                .map((rs, ctx) -> engine.scheduleTable.schedule(rs))
                .list();
        StringBuilder out = new StringBuilder();
        out.append("Weekly summary of your scheduled reports, ")
                .append(WHEN.format(from.atZone(zone)))
                .append(" to ")
                .append(WHEN.format(to.atZone(zone)))
                .append(" (")
                .append(zone.getId())
                .append(")\n\n");

        out.append("Schedules (").append(schedules.size()).append(")\n");
        lines(
                out,
                schedules.stream()
                        .map(s -> s.name() + " [" + s.status() + "]"
                                + (s.nextRunAt() == null ? "" : ", next run " + at(s.nextRunAt(), s)))
                        .toList());

        Map<String, Long> runs = new TreeMap<>();
        h.createQuery("SELECT e.status, COUNT(*) FROM " + t.executions() + " e JOIN " + t.schedules()
                        + " s ON s.id = e.schedule_id WHERE s.tenant_id = :t AND s.owner_id = :o"
                        + " AND e.scheduled_for >= :from AND e.scheduled_for < :to GROUP BY e.status")
                .bind("t", tenantId)
                .bind("o", ownerId)
                .bind("from", from)
                .bind("to", to)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> runs.put(e.getKey(), e.getValue()));
        long total = runs.values().stream().mapToLong(Long::longValue).sum();
        out.append("\nRuns this week: ").append(total);
        if (!runs.isEmpty()) {
            out.append(" (");
            List<String> parts = new ArrayList<>();
            runs.forEach((status, n) -> parts.add(n + " " + status.toLowerCase(java.util.Locale.ROOT)));
            out.append(String.join(", ", parts)).append(')');
        }
        out.append('\n');

        List<String> failures = new ArrayList<>();
        Map<String, Long> byCategory = new TreeMap<>();
        h.createQuery("SELECT s.name, s.timezone, e.scheduled_for, e.status, e.error_category, e.error_message FROM "
                        + t.executions() + " e JOIN " + t.schedules() + " s ON s.id = e.schedule_id"
                        + " WHERE s.tenant_id = :t AND s.owner_id = :o AND e.scheduled_for >= :from"
                        + " AND e.scheduled_for < :to AND e.status IN ('FAILED', 'PARTIALLY_DELIVERED', 'SKIPPED')"
                        + " ORDER BY e.scheduled_for")
                .bind("t", tenantId)
                .bind("o", ownerId)
                .bind("from", from)
                .bind("to", to)
                .map((rs, ctx) -> {
                    ZoneId z = ZoneId.of(rs.getString(2));
                    String when =
                            WHEN.format(engine.sql.instant(rs, "scheduled_for").atZone(z));
                    String category = rs.getString(5);
                    String message = rs.getString(6);
                    return new String[] {rs.getString(1), when, rs.getString(4), category, message};
                })
                .forEach(r -> {
                    if (!"SKIPPED".equals(r[2]) && r[3] != null) {
                        byCategory.merge(r[3], 1L, Long::sum);
                    }
                    failures.add(r[0] + ", " + r[1] + ": " + r[2].toLowerCase(java.util.Locale.ROOT)
                            + (r[3] == null ? "" : " [" + r[3] + "]")
                            + (r[4] == null ? "" : " " + oneLine(r[4])));
                });
        h.createQuery("SELECT d.error_category, COUNT(*) FROM " + t.deliveries() + " d JOIN " + t.executions()
                        + " e ON e.id = d.execution_id JOIN " + t.schedules() + " s ON s.id = e.schedule_id"
                        + " WHERE s.tenant_id = :t AND s.owner_id = :o AND e.scheduled_for >= :from"
                        + " AND e.scheduled_for < :to AND d.status = 'FAILED' AND d.error_category IS NOT NULL"
                        + " GROUP BY d.error_category")
                .bind("t", tenantId)
                .bind("o", ownerId)
                .bind("from", from)
                .bind("to", to)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> byCategory.merge(e.getKey(), e.getValue(), Long::sum));
        out.append("\nFailed and skipped runs (").append(failures.size()).append(")");
        if (!byCategory.isEmpty()) {
            List<String> parts = new ArrayList<>();
            byCategory.forEach((c, n) -> parts.add(c + " " + n));
            out.append(", failures by category: ").append(String.join(", ", parts));
        }
        out.append('\n');
        lines(out, failures);

        Map<String, List<String>> inactive = new LinkedHashMap<>();
        inactive.put("UNSUBSCRIBED", new ArrayList<>());
        inactive.put("BOUNCED", new ArrayList<>());
        h.createQuery("SELECT s.name, r.destination, r.channel, r.inactive_reason FROM " + t.recipients() + " r JOIN "
                        + t.schedules() + " s ON s.id = r.schedule_id WHERE s.tenant_id = :t AND s.owner_id = :o"
                        + " AND s.status <> 'DELETED' AND r.is_active = FALSE AND r.inactive_since >= :from"
                        + " AND r.inactive_since < :to ORDER BY s.name, r.destination")
                .bind("t", tenantId)
                .bind("o", ownerId)
                .bind("from", from)
                .bind("to", to)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                .forEach(r -> inactive.computeIfAbsent(r[3], k -> new ArrayList<>())
                        .add(r[1] + " (" + r[2] + ") from " + r[0]));
        out.append("\nUnsubscribed this week (")
                .append(inactive.get("UNSUBSCRIBED").size())
                .append(")\n");
        lines(out, inactive.get("UNSUBSCRIBED"));
        out.append("\nBounced this week (")
                .append(inactive.get("BOUNCED").size())
                .append(")\n");
        lines(out, inactive.get("BOUNCED"));

        List<String> upcoming = new ArrayList<>();
        Instant weekAhead = to.plus(Duration.ofDays(7));
        for (ScheduleRow s : schedules) {
            if (!"ACTIVE".equals(s.status())) {
                continue;
            }
            try {
                ScheduleSpec spec =
                        ScheduleSpec.fromJson(s.scheduleConfig(), engine.calendars.forTenant(h, s.tenantId()));
                for (Instant run : spec.nextRuns(to.minusNanos(1), MAX_LINES)) {
                    if (!run.isBefore(weekAhead)) {
                        break;
                    }
                    upcoming.add(run + "\u0000" + at(run, s) + "  " + s.name());
                }
            } catch (RuntimeException e) {
                upcoming.add(to + "\u0000" + s.name() + ": next runs unknown (" + e.getMessage() + ")");
            }
        }
        upcoming.sort(null);
        out.append("\nNext week's runs (").append(upcoming.size()).append(")\n");
        lines(
                out,
                upcoming.stream().map(u -> u.substring(u.indexOf('\u0000') + 1)).toList());
        out.append("\nYou get this summary once a week; you can turn it off in your report settings.\n");
        return out.toString();
    }

    private static String at(Instant when, ScheduleRow s) {
        ZoneId zone = ZoneId.of(s.timezone());
        return WHEN.format(when.atZone(zone)) + " " + zone.getId();
    }

    private static void lines(StringBuilder out, List<String> items) {
        if (items.isEmpty()) {
            out.append("  none\n");
            return;
        }
        items.stream()
                .limit(MAX_LINES)
                .forEach(i -> out.append("  - ").append(i).append('\n'));
        if (items.size() > MAX_LINES) {
            out.append("  ... and ").append(items.size() - MAX_LINES).append(" more\n");
        }
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " | ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    // ---------------------------------------------------------------- opt-outs

    /** Whether an owner gets the weekly summary. */
    boolean enabled(Handle h, String tenantId, String ownerId) {
        return h.createQuery("SELECT COUNT(*) FROM " + optOuts + " WHERE tenant_id = :t AND owner_id = :o")
                        .bind("t", tenantId)
                        .bind("o", ownerId)
                        .mapTo(Long.class)
                        .one()
                == 0;
    }

    /** Turns an owner's weekly summary on or off; true when that changed something. */
    boolean set(Handle h, String tenantId, String ownerId, boolean enabled, Instant now) {
        if (enabled == enabled(h, tenantId, ownerId)) {
            return false;
        }
        if (enabled) {
            h.createUpdate("DELETE FROM " + optOuts + " WHERE tenant_id = :t AND owner_id = :o")
                    .bind("t", tenantId)
                    .bind("o", ownerId)
                    .execute();
        } else {
            h.createUpdate("INSERT INTO " + optOuts + " (tenant_id, owner_id, created_at) VALUES (:t, :o, :now)")
                    .bind("t", tenantId)
                    .bind("o", ownerId)
                    .bind("now", now)
                    .execute();
        }
        return true;
    }

    /** The logical table names of this feature (for the erasure's column list). */
    String markersTable() {
        return markers;
    }

    String optOutsTable() {
        return optOuts;
    }
}
