package io.scheduledreports.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Bad input: a schedule, parameter, recipient or setting that breaks a rule. Thrown before anything is
 * written. The message names the field, the rule and the value seen, e.g.
 * {@code day_of_month: must be 1-31 or "last", was 32}.
 */
public class ReportsValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private static final String WAS = ", was ";

    private final String field;
    private final String problem;
    private final String rule;
    private final String actual;

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
        this.problem = problem;
        int was = problem.lastIndexOf(WAS);
        this.rule = was < 0 ? problem : problem.substring(0, was);
        this.actual = was < 0 ? null : problem.substring(was + WAS.length());
    }

    /**
     * Creates a validation error from its parts; the message reads {@code field: rule, was actual}.
     *
     * @param field the name of the offending field
     * @param rule the rule that was broken, e.g. {@code must be 1-31 or "last"}
     * @param actual the value seen, as text
     * @return the exception
     */
    public static ReportsValidationException of(String field, String rule, String actual) {
        Objects.requireNonNull(rule, "rule");
        return new ReportsValidationException(field, actual == null ? rule : rule + WAS + actual);
    }

    /** The name of the field that broke a rule. */
    public String field() {
        return field;
    }

    /** The rule that was broken with the value seen, as given: the message without the field name. */
    public String problem() {
        return problem;
    }

    /** The rule that was broken, without the value seen, e.g. {@code must be 1-256}. */
    public String rule() {
        return rule;
    }

    /**
     * The value seen as the message shows it (e.g. {@code 0}, {@code 50ms}, {@code 'acme '}), or empty when the
     * message does not show one.
     */
    public Optional<String> actual() {
        return Optional.ofNullable(actual);
    }
}
