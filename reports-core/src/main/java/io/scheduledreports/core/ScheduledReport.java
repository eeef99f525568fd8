package io.scheduledreports.core;

import io.scheduledreports.core.schedule.ScheduleSpec;
import io.scheduledreports.spi.Recipient;
import java.time.Duration;
import java.time.Instant;
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
        String pausedReason) {

    /** Copies collections. */
    public ScheduledReport {
        recipients = List.copyOf(recipients);
        upcomingRuns = List.copyOf(upcomingRuns);
    }

    /** Whether the schedule fires. */
    public boolean isActive() {
        return status == ScheduleStatus.ACTIVE;
    }
}
