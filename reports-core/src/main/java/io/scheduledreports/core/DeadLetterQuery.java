package io.scheduledreports.core;

import io.scheduledreports.spi.ErrorCategory;
import java.time.Instant;

/**
 * Filters for listing dead letters; null fields do not filter.
 *
 * @param scheduleId only this schedule's
 * @param category only this category
 * @param status only this status
 * @param from created at or after
 * @param to created before
 * @param page which page
 */
public record DeadLetterQuery(
        String scheduleId,
        ErrorCategory category,
        DeadLetter.Status status,
        Instant from,
        Instant to,
        PageRequest page) {

    /** Defaults the page. */
    public DeadLetterQuery {
        page = page == null ? PageRequest.first() : page;
    }

    /** Unresolved dead letters, first page. */
    public static DeadLetterQuery unresolved() {
        return new DeadLetterQuery(null, null, DeadLetter.Status.UNRESOLVED, null, null, PageRequest.first());
    }

    /** All dead letters, first page. */
    public static DeadLetterQuery all() {
        return new DeadLetterQuery(null, null, null, null, null, PageRequest.first());
    }
}
