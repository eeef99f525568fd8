package io.scheduledreports.spi;

import java.util.Objects;

/**
 * Base of all unchecked exceptions of the library that describe a failure of work (not of input
 * validation, see {@link ReportsValidationException}). Carries the {@link ErrorCategory} that decides retries.
 *
 * <p>A {@link ReportType} or {@link DeliveryChannel} throws it (or a subclass) to classify its own failure:
 * {@code throw new ReportsException(ErrorCategory.DATA, "region 'XX' does not exist")}.
 */
public class ReportsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCategory category;

    /**
     * Creates an exception of the given category.
     *
     * @param category why it failed; decides whether the work is retried
     * @param message what failed, naming the ids involved
     */
    public ReportsException(ErrorCategory category, String message) {
        this(category, message, null);
    }

    /**
     * Creates an exception of the given category with a cause.
     *
     * @param category why it failed; decides whether the work is retried
     * @param message what failed, naming the ids involved
     * @param cause the underlying failure, may be null
     */
    public ReportsException(ErrorCategory category, String message, Throwable cause) {
        super(message, cause);
        this.category = Objects.requireNonNull(category, "category");
    }

    /** The category of this failure. */
    public ErrorCategory category() {
        return category;
    }
}
