package io.scheduledreports.spi;

/** The actor may not do this. Thrown by a {@link ReportAuthorizer} or by the API's role checks. */
public class ReportsAccessDeniedException extends ReportsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param reason why, in words that can be shown to the actor
     */
    public ReportsAccessDeniedException(String reason) {
        super(ErrorCategory.PERMISSION, reason);
    }
}
