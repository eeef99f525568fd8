package io.scheduledreports.core;

import io.scheduledreports.spi.ReportsValidationException;
import java.time.Instant;

/**
 * Filters for reading a tenant's audit log, newest first; null fields do not filter.
 *
 * @param entityId only events of this schedule, execution or dead letter
 * @param actor only events of this user ({@code download-link} for downloads by signed link)
 * @param action only this action, e.g. {@link AuditAction#DOWNLOAD}
 * @param from at or after
 * @param to before
 * @param page which page (ignored by the CSV export, which streams every match)
 */
public record AuditQuery(
        String entityId, String actor, AuditAction action, Instant from, Instant to, PageRequest page) {

    /** Defaults the page and checks the time window. */
    public AuditQuery {
        page = page == null ? PageRequest.first() : page;
        if (from != null && to != null && !to.isAfter(from)) {
            throw new ReportsValidationException("to", "must be after from (" + from + "), was " + to);
        }
    }

    /** Every event, first page. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, PageRequest.first());
    }
}
