package io.scheduledreports.core;

/** Lifecycle of a delivery to one recipient. */
public enum DeliveryStatus {
    /** Waiting for its first or next attempt. */
    PENDING,
    /** Handed to the channel; the outcome is not recorded yet. After a crash it is sent again (same key). */
    SENDING,
    /** Accepted by the channel. */
    SENT,
    /** Failed for good (dead letter). */
    FAILED,
    /** Cancelled (schedule deleted). */
    CANCELLED
}
