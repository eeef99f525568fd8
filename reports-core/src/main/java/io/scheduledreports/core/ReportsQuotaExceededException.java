package io.scheduledreports.core;

import io.scheduledreports.spi.ReportsValidationException;

/** A create, update or resume would exceed a {@link Quotas} limit. The message names the limit and the count. */
public class ReportsQuotaExceededException extends ReportsValidationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param field the field or limit, e.g. {@code recipients}
     * @param problem the limit and the current count
     */
    public ReportsQuotaExceededException(String field, String problem) {
        super(field, problem);
    }
}
