package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.scheduledreports.core.ScheduledReport;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A schedule as the API returns it; the shape the README documents under "REST API: requests and responses".
 *
 * @param id schedule id
 * @param name name
 * @param reportType report type id
 * @param reportParams parameters
 * @param outputFormat output format id
 * @param schedule the schedule object as JSON
 * @param nextRunAt next run (ISO-8601 UTC), or null unless active
 * @param upcomingRuns the next five runs
 * @param recipients recipients with ids
 * @param active whether it fires ({@code is_active})
 * @param status ACTIVE, PAUSED or COMPLETED
 * @param ownerId owner
 * @param misfirePolicy missed-run policy
 * @param emptyReportPolicy empty-report policy
 * @param locale language tag
 * @param deliveryOptions options per channel
 * @param timeout generation timeout override (ISO-8601), or null
 * @param lastRunAt latest run that fired, or null
 * @param lastSuccessAt latest successful generation, or null
 * @param pausedAt when paused, or null
 * @param pausedReason why the library or an admin paused it, or null
 * @param version optimistic-locking version; send it back with PUT
 * @param createdBy creator
 * @param updatedBy last changer
 * @param createdAt creation time
 * @param updatedAt last change
 * @param overlapPolicy {@code SKIP} or {@code QUEUE}: what a run does while the previous one is in progress
 * @param upcomingRunsDetail the runs of {@code upcoming_runs}, each with the holiday it was moved from, if any
 * @param formatOptions the output format's options as saved
 * @param nextRunAtLocal next run in the schedule's zone, ISO-8601 with that day's offset, or null
 * @param upcomingRunsLocal the next five runs in the schedule's zone, with offsets
 * @param warnings warnings about the schedule (create and update; empty on reads)
 * @param lastRunStatus status of the latest execution, or null
 * @param lastErrorCategory category of the latest failure while the schedule is failing, else null
 * @param consecutiveFailures failed runs since the latest successful one
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ScheduleView(
        String id,
        String name,
        String reportType,
        Map<String, Object> reportParams,
        String outputFormat,
        @JsonRawValue String schedule,
        String nextRunAt,
        List<String> upcomingRuns,
        List<RecipientView> recipients,
        @JsonProperty("is_active") boolean active,
        String status,
        String ownerId,
        String misfirePolicy,
        String emptyReportPolicy,
        String locale,
        Map<String, Map<String, String>> deliveryOptions,
        String timeout,
        String lastRunAt,
        String lastSuccessAt,
        String pausedAt,
        String pausedReason,
        long version,
        String createdBy,
        String updatedBy,
        String createdAt,
        String updatedAt,
        String overlapPolicy,
        List<UpcomingRunView> upcomingRunsDetail,
        Map<String, Object> formatOptions,

        String nextRunAtLocal,
        List<String> upcomingRunsLocal,
        List<WarningView> warnings,
        String lastRunStatus,
        String lastErrorCategory,
        int consecutiveFailures) {

    static ScheduleView of(ScheduledReport s) {
        return new ScheduleView(
                s.id(),
                s.name(),
                s.reportType(),
                s.reportParams(),
                s.outputFormat(),
                s.schedule().toJson(),
                Json.instant(s.nextRunAt()),
                Json.instants(s.upcomingRuns()),
                s.recipients().stream().map(RecipientView::of).toList(),
                s.isActive(),
                s.status().name(),
                s.ownerId(),
                s.misfirePolicy().name(),
                s.emptyReportPolicy().name(),
                s.locale().toLanguageTag(),
                s.deliveryOptions(),
                s.timeout() == null ? null : s.timeout().toString(),
                Json.instant(s.lastRunAt()),
                Json.instant(s.lastSuccessAt()),
                Json.instant(s.pausedAt()),
                s.pausedReason(),
                s.version(),
                s.createdBy(),
                s.updatedBy(),
                Json.instant(s.createdAt()),
                Json.instant(s.updatedAt()),
                s.overlapPolicy().name(),
                s.upcomingRunsDetail().stream().map(UpcomingRunView::of).toList(),
                s.formatOptions(),
                Json.local(s.nextRunAtLocal()),
                s.upcomingRunsLocal().stream().map(Json::local).toList(),
                WarningView.of(s.warnings()),
                s.lastRunStatus() == null ? null : s.lastRunStatus().name(),
                s.lastErrorCategory() == null ? null : s.lastErrorCategory().name(),
                s.consecutiveFailures());
    }
}
