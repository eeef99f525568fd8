package io.scheduledreports.spi;

/**
 * Callbacks for hosts that want their own notifications, metrics or audit. All methods default to doing
 * nothing. They are called after the state change is committed, on the worker thread: keep them fast. An
 * exception thrown by a listener is logged and never affects the work.
 */
public interface ReportsListener {

    /** A generation attempt started. */
    default void executionStarted(ExecutionEvent event) {}

    /** An execution generated its artifact. */
    default void executionSucceeded(ExecutionEvent event) {}

    /** A generation attempt failed; it may still be retried. */
    default void executionFailed(ExecutionEvent event) {}

    /** An execution failed for the last time and was moved to the dead letters. */
    default void executionDeadLettered(ExecutionEvent event) {}

    /**
     * A scheduled run was not started because the previous run of its schedule was still queued or running
     * (overlap policy SKIP); {@link ExecutionEvent#error()} says which run.
     */
    default void executionSkipped(ExecutionEvent event) {}

    /** A delivery was accepted by its channel. */
    default void deliverySent(DeliveryEvent event) {}

    /** A delivery attempt failed; it may still be retried. */
    default void deliveryFailed(DeliveryEvent event) {}

    /** A delivery failed for the last time and was moved to the dead letters. */
    default void deliveryDeadLettered(DeliveryEvent event) {}

    /**
     * The number of unresolved dead letters of a tenant reached the configured threshold. Called once per crossing
     * across the cluster (also when a burst jumps past the threshold); again only after the count went below it.
     *
     * @param tenantId the tenant
     * @param unresolved the current count
     */
    default void deadLetterThresholdExceeded(String tenantId, long unresolved) {}

    /**
     * A tenant has more unresolved dead letters than the dead-letter cap. The cap drops only resolved and retried
     * dead letters, never unresolved ones, so the table grows past it until an operator resolves, retries or
     * deletes them. Called once per crossing across the cluster.
     *
     * @param tenantId the tenant
     * @param unresolved the current count of unresolved dead letters
     * @param cap the configured cap
     */
    default void deadLetterCapExceeded(String tenantId, long unresolved, int cap) {}

    /**
     * The pending deliveries of a channel went above the backlog alert threshold. Called once per crossing by the
     * cluster's maintenance sweep (every minute); again only after the backlog went back to the threshold or below.
     *
     * @param channel the channel id
     * @param pending pending and sending deliveries of the channel across the cluster
     * @param threshold the configured alert threshold
     */
    default void deliveryBacklogHigh(String channel, long pending, int threshold) {}

    /**
     * A backup of the library's tables failed (it was logged and recorded as FAILED). Hosts alert their
     * administrators here; the message never contains the backup key.
     *
     * @param archiveKey the archive's key in the artifact store
     * @param message why it failed
     */
    default void backupFailed(String archiveKey, String message) {}
}
