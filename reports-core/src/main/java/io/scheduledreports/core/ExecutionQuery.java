package io.scheduledreports.core;

import io.scheduledreports.spi.ReportsValidationException;
import io.scheduledreports.spi.Trigger;
import java.time.Instant;

/**
 * Filters for listing a tenant's executions across its schedules, newest first; null fields do not filter.
 *
 * @param status only this status
 * @param trigger only runs started this way
 * @param scheduleId only this schedule's
 * @param reportType only runs of schedules of this report type
 * @param from created at or after
 * @param to created before
 * @param page which page
 */
public record ExecutionQuery(
        ExecutionStatus status,
        Trigger trigger,
        String scheduleId,
        String reportType,
        Instant from,
        Instant to,
        PageRequest page) {

    /** Defaults the page and checks the time window. */
    public ExecutionQuery {
        page = page == null ? PageRequest.first() : page;
        if (from != null && to != null && !to.isAfter(from)) {
            throw new ReportsValidationException("to", "must be after from (" + from + "), was " + to);
        }
    }

    /** Everything visible, first page. */
    public static ExecutionQuery all() {
        return new ExecutionQuery(null, null, null, null, null, null, PageRequest.first());
    }
}
