package io.scheduledreports.core;

/**
 * Lifecycle of an execution (one run of a schedule).
 *
 * <pre>
 * QUEUED -> RUNNING -> DELIVERING -> SUCCEEDED | PARTIALLY_DELIVERED | FAILED
 *              |  \-> RETRYING -> RUNNING ...        (generation failed, will retry)
 *              \----> FAILED                         (generation failed for the last time: dead letter)
 *              \----> SKIPPED                        (empty or unchanged report, by the schedule's policy)
 * (fired) ----------> SKIPPED                        (previous run still in progress, overlap policy SKIP)
 * QUEUED | RETRYING -> CANCELLED                     (schedule deleted)
 * SUCCEEDED | PARTIALLY_DELIVERED -> EXPIRED         (artifact removed by retention; history kept)
 * </pre>
 */
public enum ExecutionStatus {
    /** Waiting for a worker (or for its tenant's limit). */
    QUEUED,
    /** Generating. */
    RUNNING,
    /** Generation failed; another attempt is scheduled. */
    RETRYING,
    /** Generated; deliveries are in progress. */
    DELIVERING,
    /** Generated and delivered to every recipient (or there were none). */
    SUCCEEDED,
    /** Generated; some deliveries failed for good, others succeeded. */
    PARTIALLY_DELIVERED,
    /** Generation failed for good, or every delivery failed for good. */
    FAILED,
    /**
     * Not delivered by the empty-report policy, or not started because the previous run was still in progress
     * (overlap policy SKIP; the execution's error message says which run).
     */
    SKIPPED,
    /** Cancelled before it ran (schedule deleted). */
    CANCELLED,
    /** The artifact was removed by retention; the history row remains. */
    EXPIRED;

    /** Whether nothing more will happen to the execution (apart from expiry). */
    public boolean isFinal() {
        return this != QUEUED && this != RUNNING && this != RETRYING && this != DELIVERING;
    }
}
