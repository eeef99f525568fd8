package io.scheduledreports.core;

import io.scheduledreports.spi.ReportsValidationException;

/**
 * Filters for listing schedules; null (or false) fields do not filter.
 *
 * @param ownerId only this owner's schedules
 * @param status only this status (deleted schedules are never listed)
 * @param reportType only this report type
 * @param page which page
 * @param nameContains only schedules whose name contains this text, ignoring case
 * @param failing only schedules whose latest finished run failed ({@link ScheduledReport#consecutiveFailures()}
 *     above zero)
 * @param sort the order (default {@link Sort#CREATED_AT}: newest first)
 */
public record ScheduleQuery(
        String ownerId,
        ScheduleStatus status,
        String reportType,
        PageRequest page,
        String nameContains,
        boolean failing,
        Sort sort) {

    /** Longest {@code nameContains}. */
    public static final int MAX_NAME_FILTER_LENGTH = 200;

    /** Orders of a schedule list. */
    public enum Sort {
        /** Newest first (the default). */
        CREATED_AT,
        /** Soonest next run first; schedules without one last. */
        NEXT_RUN_AT,
        /** By name, ignoring case. */
        NAME,
        /** Latest run first; schedules that never ran last. */
        LAST_RUN_AT
    }

    /** Defaults the page and the order; checks the name filter. */
    public ScheduleQuery {
        page = page == null ? PageRequest.first() : page;
        sort = sort == null ? Sort.CREATED_AT : sort;
        if (nameContains != null && nameContains.isBlank()) {
            nameContains = null;
        }
        if (nameContains != null && nameContains.length() > MAX_NAME_FILTER_LENGTH) {
            throw new ReportsValidationException(
                    "q", "must be at most " + MAX_NAME_FILTER_LENGTH + " characters, was " + nameContains.length());
        }
    }

    /** Filters by owner, status and report type. */
    public ScheduleQuery(String ownerId, ScheduleStatus status, String reportType, PageRequest page) {
        this(ownerId, status, reportType, page, null, false, Sort.CREATED_AT);
    }

    /** Everything visible, first page. */
    public static ScheduleQuery all() {
        return new ScheduleQuery(null, null, null, PageRequest.first());
    }

    /** This query for another page. */
    public ScheduleQuery withPage(PageRequest newPage) {
        return new ScheduleQuery(ownerId, status, reportType, newPage, nameContains, failing, sort);
    }

    /** This query for another owner. */
    public ScheduleQuery withOwner(String newOwnerId) {
        return new ScheduleQuery(newOwnerId, status, reportType, page, nameContains, failing, sort);
    }
}
