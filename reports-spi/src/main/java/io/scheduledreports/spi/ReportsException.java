package io.scheduledreports.spi;

import java.util.Objects;

/**
 * Root of the library's unchecked exceptions. Two kinds share it:
 *
 * <ul>
 *   <li><b>Failures of work</b> (a generation, a delivery, a connection check) carry the {@link ErrorCategory}
 *       that decides retries. A {@link ReportType} or {@link DeliveryChannel} throws one to classify its own
 *       failure: {@code throw new ReportsException(ErrorCategory.DATA, "region 'XX' does not exist")}.
 *   <li><b>Refused API calls</b> (not found, stale version, access denied, quota or rate limit reached) carry no
 *       category: nothing is retried, the caller is told why. Their types are named {@code Reports...Exception} in
 *       {@code io.scheduledreports.core} and {@link ReportsAccessDeniedException} here.
 * </ul>
 *
 * <p>Bad input is a {@link ReportsValidationException}, which stays an {@link IllegalArgumentException} by Java
 * convention (so code that catches {@code IllegalArgumentException} around the builders keeps working).
 */
public class ReportsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCategory category;

    /**
     * Creates a failure of work of the given category.
     *
     * @param category why it failed; decides whether the work is retried
     * @param message what failed, naming the ids involved
     */
    public ReportsException(ErrorCategory category, String message) {
        this(category, message, null);
    }

    /**
     * Creates a failure of work of the given category with a cause.
     *
     * @param category why it failed; decides whether the work is retried
     * @param message what failed, naming the ids involved
     * @param cause the underlying failure, may be null
     */
    public ReportsException(ErrorCategory category, String message, Throwable cause) {
        super(message, cause);
        this.category = Objects.requireNonNull(category, "category");
    }

    /**
     * Creates a refused API call: no category, nothing to retry.
     *
     * @param message why the call was refused, naming the ids involved
     */
    protected ReportsException(String message) {
        super(message);
        this.category = null;
    }

    /**
     * The category of a failure of work, or {@code null} for a refused API call (see {@link #isFailureOfWork()}).
     */
    public ErrorCategory category() {
        return category;
    }

    /** Whether this is a failure of work with a {@link #category()}, not a refused API call. */
    public boolean isFailureOfWork() {
        return category != null;
    }
}
