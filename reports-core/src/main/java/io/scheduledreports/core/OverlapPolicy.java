package io.scheduledreports.core;

/**
 * What a scheduled run does when the previous run of the same schedule (scheduled or manual) is still queued or
 * running when it falls due.
 */
public enum OverlapPolicy {
    /**
     * The run is not started; it is recorded as a {@link ExecutionStatus#SKIPPED} execution whose message says
     * which run was still in progress (default: a slow report never piles up runs of itself).
     */
    SKIP,
    /** The run is queued anyway and runs when a worker (and the tenant's limit) allows, possibly in parallel. */
    QUEUE
}
