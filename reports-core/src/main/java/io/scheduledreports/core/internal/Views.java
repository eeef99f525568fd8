package io.scheduledreports.core.internal;

import io.scheduledreports.core.DeliveryRecord;
import io.scheduledreports.core.DeliveryStatus;
import io.scheduledreports.core.EmptyReportPolicy;
import io.scheduledreports.core.Execution;
import io.scheduledreports.core.ExecutionStatus;
import io.scheduledreports.core.MisfirePolicy;
import io.scheduledreports.core.ScheduleStatus;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.internal.Rows.DeliveryRow;
import io.scheduledreports.core.internal.Rows.ExecutionRow;
import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.core.schedule.ScheduleSpec;
import io.scheduledreports.spi.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns rows into the API's values. */
final class Views {
    private Views() {}

    static ScheduledReport schedule(
            ScheduleRow s,
            List<Recipient> recipients,
            Instant now,
            io.scheduledreports.core.calendar.HolidayCalendars calendars,
            Listings.RunHealth health) {
        ScheduleSpec spec = ScheduleSpec.fromJson(s.scheduleConfig(), calendars);
        boolean active = "ACTIVE".equals(s.status());
        List<Instant> upcoming = active
                ? spec.nextRuns(now.isAfter(s.nextRunAt()) ? now : s.nextRunAt().minusNanos(1), 5)
                : List.of();
        return new ScheduledReport(
                s.id(),
                s.tenantId(),
                s.ownerId(),
                s.name(),
                s.reportType(),
                Json.readMap(s.reportParams()),
                s.outputFormat(),
                spec,
                Locale.forLanguageTag(s.locale()),
                MisfirePolicy.valueOf(s.misfirePolicy()),
                EmptyReportPolicy.valueOf(s.emptyReportPolicy()),
                Json.readOptions(s.deliveryOptions()),
                s.timeoutSeconds() == null ? null : Duration.ofSeconds(s.timeoutSeconds()),
                recipients,
                ScheduleStatus.valueOf(s.status()),
                active ? s.nextRunAt() : null,
                upcoming,
                s.lastRunAt(),
                s.lastSuccessAt(),
                s.pausedAt(),
                s.version(),
                s.createdBy(),
                s.updatedBy(),
                s.createdAt(),
                s.updatedAt(),
                io.scheduledreports.core.OverlapPolicy.valueOf(s.overlapPolicy()),
                s.formatOptions() == null ? Map.of() : Json.readMap(s.formatOptions()),
                List.of(),
                health.lastRunStatus(),
                health.lastErrorCategory(),
                health.consecutiveFailures(),
                "PAUSED".equals(s.status()) ? s.pausedReason() : null);
    }

    static Execution execution(ExecutionRow e, List<DeliveryRow> deliveries) {
        boolean hasArtifact = e.artifactKey() != null && !"EXPIRED".equals(e.status());
        return new Execution(
                e.id(),
                e.tenantId(),
                e.scheduleId(),
                e.scheduledFor(),
                e.trigger(),
                ExecutionStatus.valueOf(e.status()),
                e.attempt(),
                e.startedAt(),
                e.finishedAt(),
                e.durationMs(),
                e.rowCount(),
                hasArtifact
                        ? new Execution.ArtifactInfo(
                                e.artifactName(), e.mediaType(), e.artifactSize(), e.artifactSha256())
                        : null,
                hasArtifact ? e.availableUntil() : null,
                e.errorCategory(),
                e.errorMessage(),
                e.createdAt(),
                deliveries.stream().map(Views::delivery).toList(),
                e.outputFormat(),
                Json.readMap(e.resolvedParams() != null ? e.resolvedParams() : e.paramsSnapshot()),
                e.timeoutSeconds() == null ? null : java.time.Duration.ofSeconds(e.timeoutSeconds()));
    }

    static DeliveryRecord delivery(DeliveryRow d) {
        return new DeliveryRecord(
                d.id(),
                d.executionId(),
                d.recipientId(),
                d.channel(),
                d.destination(),
                DeliveryStatus.valueOf(d.status()),
                d.attempts(),
                d.idempotencyKey(),
                d.providerReference(),
                d.errorCategory(),
                d.lastError(),
                d.sentAt());
    }

    /** The audit representation of a schedule. */
    static Map<String, Object> audit(ScheduleRow s, List<Recipient> recipients) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("owner_id", s.ownerId());
        m.put("report_type", s.reportType());
        m.put("report_params", Json.readMap(s.reportParams()));
        m.put("output_format", s.outputFormat());
        m.put("schedule", Json.readMap(s.scheduleConfig()));
        m.put("locale", s.locale());
        m.put("misfire_policy", s.misfirePolicy());
        m.put("overlap_policy", s.overlapPolicy());
        m.put("empty_report_policy", s.emptyReportPolicy());
        m.put("delivery_options", Json.readOptions(s.deliveryOptions()));
        m.put("format_options", s.formatOptions() == null ? Map.of() : Json.readMap(s.formatOptions()));
        m.put("timeout_seconds", s.timeoutSeconds());
        m.put("status", s.status());
        m.put("version", s.version());
        m.put(
                "recipients",
                recipients.stream()
                        .map(r -> Map.of(
                                "id", String.valueOf(r.id()), "channel", r.channel(), "destination", r.destination()))
                        .toList());
        return m;
    }
}
