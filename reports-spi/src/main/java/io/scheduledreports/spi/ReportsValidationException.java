package io.scheduledreports.spi;

import java.util.Objects;

/**
 * Bad input: a schedule, parameter, recipient or setting that breaks a rule. Thrown before anything is
 * written. The message names the field, the rule and the value seen, e.g.
 * {@code day_of_month: must be 1-31 or "last", was 32}.
 */
public class ReportsValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * Creates a validation error for one field.
     *
     * @param field the name of the offending field as the caller spelled it (JSON name for JSON input)
     * @param problem the rule that was broken and the value seen
     */
    public ReportsValidationException(String field, String problem) {
        this(field, problem, null);
    }

    /**
     * Creates a validation error for one field with a cause.
     *
     * @param field the name of the offending field
     * @param problem the rule that was broken and the value seen
     * @param cause the underlying parsing failure, may be null
     */
    public ReportsValidationException(String field, String problem, Throwable cause) {
        super(Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.field = field;
    }

    /** The name of the field that broke a rule. */
    public String field() {
        return field;
    }
}
