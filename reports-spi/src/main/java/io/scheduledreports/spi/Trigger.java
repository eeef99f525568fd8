package io.scheduledreports.spi;

/** What started an execution. */
public enum Trigger {
    /** The schedule came due. */
    SCHEDULED,
    /** A person asked for a run now ("run now"); runs before scheduled work. */
    MANUAL,
    /** An operator replayed a dead-lettered execution. */
    REPLAY
}
