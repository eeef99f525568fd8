package io.scheduledreports.core.schedule;

import io.scheduledreports.spi.ReportsValidationException;

/**
 * A schedule that breaks a rule. The {@link #field()} is the JSON name of the offending field ({@code timezone},
 * {@code time}, {@code day_of_week}, {@code day_of_month}, {@code cron_expression}, {@code run_at},
 * {@code cadence}, an unknown key, or {@code schedule} for the document as a whole), and the message names the
 * rule and the value seen: {@code day_of_month: must be 1-31 or "last", was 32}.
 */
public class InvalidScheduleException extends ReportsValidationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param field the JSON name of the offending field
     * @param problem the rule that was broken and the value seen
     */
    public InvalidScheduleException(String field, String problem) {
        super(field, problem);
    }

    /**
     * Creates the exception with the parsing failure behind it.
     *
     * @param field the JSON name of the offending field
     * @param problem the rule that was broken and the value seen
     * @param cause the underlying failure, may be null
     */
    public InvalidScheduleException(String field, String problem, Throwable cause) {
        super(field, problem, cause);
    }
}
