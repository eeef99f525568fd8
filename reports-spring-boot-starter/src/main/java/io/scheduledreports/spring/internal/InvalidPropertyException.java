package io.scheduledreports.spring.internal;

import io.scheduledreports.spi.ReportsValidationException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * A configuration property has a value the library refuses. Names the property as it is written in
 * {@code application.properties}, so the start-up failure points at the line to fix.
 */
public class InvalidPropertyException extends InvalidConfigurationPropertyValueException {
    private static final long serialVersionUID = 1L;

    private final String property;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param property the full property name, e.g. {@code scheduled-reports.polling-interval}
     * @param problem the rule that was broken and the value seen
     * @param cause the library's validation error, may be null; kept as a suppressed exception
     */
    public InvalidPropertyException(String property, String problem, Throwable cause) {
        super(property, valueOf(problem, cause), problem);
        this.property = property;
        this.problem = problem;
        if (cause != null) {
            // Spring Boot's exception fixes its cause to null; keep the library's error visible in stack traces.
            addSuppressed(cause);
        }
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
        return e.problem();
    }

    private static Object valueOf(String problem, Throwable cause) {
        if (cause instanceof ReportsValidationException e) {
            return e.actual().orElse(null);
        }
        return ReportsValidationException.of("property", problem, null).actual().orElse(null);
    }
}
