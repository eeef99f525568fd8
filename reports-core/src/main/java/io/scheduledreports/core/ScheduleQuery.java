package io.scheduledreports.core;

/**
 * Filters for listing schedules; null fields do not filter.
 *
 * @param ownerId only this owner's schedules
 * @param status only this status (deleted schedules are never listed)
 * @param reportType only this report type
 * @param page which page
 */
public record ScheduleQuery(String ownerId, ScheduleStatus status, String reportType, PageRequest page) {

    /** Defaults the page. */
    public ScheduleQuery {
        page = page == null ? PageRequest.first() : page;
    }

    /** Everything visible, first page. */
    public static ScheduleQuery all() {
        return new ScheduleQuery(null, null, null, PageRequest.first());
    }

    /** This query for another page. */
    public ScheduleQuery withPage(PageRequest newPage) {
        return new ScheduleQuery(ownerId, status, reportType, newPage);
    }
}
