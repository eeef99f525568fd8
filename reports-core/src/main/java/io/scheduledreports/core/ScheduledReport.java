package io.scheduledreports.core;

import io.scheduledreports.core.schedule.ScheduleSpec;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stored schedule as the API returns it.
 *
 * @param id schedule id
 * @param tenantId tenant
 * @param ownerId owner
 * @param name name
 * @param reportType report type id
 * @param reportParams parameters as given
 * @param outputFormat output format id
 * @param schedule when it runs
 * @param locale locale
 * @param misfirePolicy missed-run policy
 * @param emptyReportPolicy empty-report policy
 * @param deliveryOptions per-channel options
 * @param timeout generation timeout override, or null
 * @param recipients recipients with their ids
 * @param status lifecycle status
 * @param nextRunAt the next run, or null when paused, completed or deleted
 * @param upcomingRuns the next five runs (empty unless active)
 * @param lastRunAt the latest run time that fired, or null
 * @param lastSuccessAt when a run last generated successfully, or null
 * @param pausedAt when it was paused, or null
 * @param version optimistic-locking version; pass it back to update
 * @param createdBy who created it
 * @param updatedBy who last changed it
 * @param createdAt creation time
 * @param updatedAt last change
 * @param overlapPolicy what a run does while the previous run is still in progress
 * @param formatOptions the output format's options as saved (snake-case names), empty when none
 * @param warnings what the author may not expect of this schedule (daylight-saving changes, a possible duplicate,
 *     short months); filled by {@code create} and {@code update}, empty on reads
 * @param lastRunStatus the status of the latest execution, or null when it never ran
 * @param lastErrorCategory the failure category of the latest failed run while the schedule is failing, else null
 * @param consecutiveFailures failed runs since the latest successful one (0 when not failing; counted up to 100)
 * @param pausedReason why the library or an admin paused it (the owner was refused at run time, the owner was
 *     offboarded), or null (active, or paused by hand)
 */
public record ScheduledReport(
        String id,
        String tenantId,
        String ownerId,
        String name,
        String reportType,
        Map<String, Object> reportParams,
        String outputFormat,
        ScheduleSpec schedule,
        Locale locale,
        MisfirePolicy misfirePolicy,
        EmptyReportPolicy emptyReportPolicy,
        Map<String, Map<String, String>> deliveryOptions,
        Duration timeout,
        List<Recipient> recipients,
        ScheduleStatus status,
        Instant nextRunAt,
        List<Instant> upcomingRuns,
        Instant lastRunAt,
        Instant lastSuccessAt,
        Instant pausedAt,
        long version,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt,
        OverlapPolicy overlapPolicy,
        Map<String, Object> formatOptions,

        List<ScheduleWarning> warnings,
        ExecutionStatus lastRunStatus,
        ErrorCategory lastErrorCategory,
        int consecutiveFailures,

        String pausedReason) {

    /** Copies collections. */
    public ScheduledReport {
        formatOptions = formatOptions == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(formatOptions));
        recipients = List.copyOf(recipients);
        upcomingRuns = List.copyOf(upcomingRuns);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** {@link #nextRunAt()} in the schedule's zone, with that day's offset; null when there is no next run. */
    public OffsetDateTime nextRunAtLocal() {
        return nextRunAt == null ? null : nextRunAt.atZone(schedule.zone()).toOffsetDateTime();
    }

    /** {@link #upcomingRuns()} in the schedule's zone, each with its day's offset. */
    public List<OffsetDateTime> upcomingRunsLocal() {
        return upcomingRuns.stream()
                .map(i -> i.atZone(schedule.zone()).toOffsetDateTime())
                .toList();
    }

    /** This schedule with these warnings. */
    public ScheduledReport withWarnings(List<ScheduleWarning> newWarnings) {
        return new ScheduledReport(
                id,
                tenantId,
                ownerId,
                name,
                reportType,
                reportParams,
                outputFormat,
                schedule,
                locale,
                misfirePolicy,
                emptyReportPolicy,
                deliveryOptions,
                timeout,
                recipients,
                status,
                nextRunAt,
                upcomingRuns,
                lastRunAt,
                lastSuccessAt,
                pausedAt,
                version,
                createdBy,
                updatedBy,
                createdAt,
                updatedAt,
                overlapPolicy,
                formatOptions,
                newWarnings,
                lastRunStatus,
                lastErrorCategory,
                consecutiveFailures,
                pausedReason);
    }

    /**
     * {@link #upcomingRuns()} with the holiday each run was moved from ({@code on_holiday} next or previous
     * business day), so that a user sees why a run is not on its usual date.
     *
     * @return one entry per upcoming run, in the same order
     */
    public List<UpcomingRun> upcomingRunsDetail() {
        String calendar = schedule.holidayCalendarName().orElse(null);
        return upcomingRuns.stream()
                .map(at -> schedule.movedFrom(at)
                        .map(from -> new UpcomingRun(at, from, from + " is a holiday in calendar " + calendar))
                        .orElseGet(() -> new UpcomingRun(at, null, null)))
                .toList();
    }

    /** Whether the schedule fires. */
    public boolean isActive() {
        return status == ScheduleStatus.ACTIVE;
    }
}
