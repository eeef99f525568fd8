package io.scheduledreports.spring.internal;

import io.scheduledreports.spi.ReportsValidationException;

/**
 * A configuration property has a value the library refuses. Names the property as it is written in
 * {@code application.properties}, so the start-up failure points at the line to fix.
 */
public class InvalidPropertyException extends ReportsValidationException {
    private static final long serialVersionUID = 1L;

    private final String property;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param property the full property name, e.g. {@code scheduled-reports.polling-interval}
     * @param problem the rule that was broken and the value seen
     * @param cause the library's validation error, may be null
     */
    public InvalidPropertyException(String property, String problem, Throwable cause) {
        super(property, problem, cause);
        this.property = property;
        this.problem = problem;
    }

    /** The full property name. */
    public String property() {
        return property;
    }

    /** The rule that was broken and the value seen. */
    public String problem() {
        return problem;
    }

    /** The problem part of a library validation error (its message without the leading field name). */
    static String problemOf(ReportsValidationException e) {
        String message = e.getMessage();
        String prefix = e.field() + ": ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
