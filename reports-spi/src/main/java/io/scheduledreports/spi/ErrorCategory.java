package io.scheduledreports.spi;

/**
 * Why a generation or a delivery failed. The category decides whether a retry can help.
 *
 * <p>Host code signals a category by throwing a {@link ReportsException} that carries one; anything else
 * is classified from its type by the engine.
 */
public enum ErrorCategory {
    /** A remote system could not be reached or answered with a temporary error; retrying can help. */
    NETWORK(true),
    /** The data or a recipient is wrong (bad value, rejected address); retrying the same input cannot help. */
    DATA(false),
    /** The local system is short of a resource (disk, memory, pool) or hit an internal fault; retry can help. */
    SYSTEM(true),
    /** Something is configured wrongly (credentials, missing plug-in); retrying cannot help until fixed. */
    CONFIGURATION(false),
    /**
     * Not allowed: the host's {@link ReportAuthorizer} refused the schedule's owner when a run started (the owner
     * left, or lost access to the report or a recipient; the schedule is paused), or the host's recipient policy
     * refuses a recipient at delivery (the policy was tightened). Never retried until the permission, policy or
     * recipient changes.
     */
    PERMISSION(false),
    /** The work took longer than its deadline and was cancelled. */
    TIMEOUT(true),
    /** Nothing more specific is known; retried, as most unexplained failures are transient. */
    UNKNOWN(true);

    private final boolean transientByDefault;

    ErrorCategory(boolean transientByDefault) {
        this.transientByDefault = transientByDefault;
    }

    /** Whether the default retry policy retries failures of this category. */
    public boolean isTransientByDefault() {
        return transientByDefault;
    }
}
