package io.scheduledreports.core;

/** Whether a generated report is delivered when it has no rows or has not changed. */
public enum EmptyReportPolicy {
    /** Always deliver. The default. */
    ALWAYS,
    /** Deliver only when the report has at least one row; otherwise the execution ends SKIPPED. */
    NOT_EMPTY,
    /** Deliver only when the file differs (SHA-256) from the last delivered run of the schedule. */
    CHANGED
}
