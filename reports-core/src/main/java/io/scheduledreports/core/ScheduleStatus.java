package io.scheduledreports.core;

/** Lifecycle of a schedule. */
public enum ScheduleStatus {
    /** Fires at its times. */
    ACTIVE,
    /** Kept, but does not fire until resumed. */
    PAUSED,
    /** A one-time schedule that has fired. */
    COMPLETED,
    /** Soft-deleted: invisible to the API, pending work cancelled, history kept. */
    DELETED
}
