package io.scheduledreports.core;

/** An update carried a version that is no longer current: someone else changed the schedule first. */
public class ReportsStaleVersionException extends ReportsConflictException {
    private static final long serialVersionUID = 1L;

    private final String scheduleId;
    private final long expected;
    private final long actual;

    /**
     * Creates the exception.
     *
     * @param scheduleId the schedule
     * @param expected the version the caller sent
     * @param actual the current version
     */
    public ReportsStaleVersionException(String scheduleId, long expected, long actual) {
        this("schedule", scheduleId, expected, actual);
    }

    /**
     * Creates the exception for another kind of object.
     *
     * @param entityType e.g. {@code "holiday_calendar"}
     * @param id the object's id or name
     * @param expected the version the caller sent
     * @param actual the current version (0 when the object does not exist)
     */
    public ReportsStaleVersionException(String entityType, String id, long expected, long actual) {
        super(entityType + " '" + id + "' was changed concurrently: version " + expected + " is stale, current is "
                + actual + "; reload it and apply your change again");
        this.scheduleId = id;
        this.expected = expected;
        this.actual = actual;
    }

    /** The schedule id. */
    public String scheduleId() {
        return scheduleId;
    }

    /** The version the caller sent. */
    public long expected() {
        return expected;
    }

    /** The current version. */
    public long actual() {
        return actual;
    }
}
