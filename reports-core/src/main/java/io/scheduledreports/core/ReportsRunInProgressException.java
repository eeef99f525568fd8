package io.scheduledreports.core;

/**
 * A manual run was asked for while a manual run of the same schedule is still queued or running. Wait for that
 * one (its id is {@link #executionId()}) instead of queueing another.
 */
public class ReportsRunInProgressException extends ReportsConflictException {
    private static final long serialVersionUID = 1L;

    private final String scheduleId;
    private final String executionId;

    /**
     * Creates the exception.
     *
     * @param scheduleId the schedule
     * @param executionId the manual run that is queued or running
     */
    public ReportsRunInProgressException(String scheduleId, String executionId) {
        super("run: a manual run of schedule '" + scheduleId + "' is already queued or running (execution '"
                + executionId + "'); wait for it to finish");
        this.scheduleId = scheduleId;
        this.executionId = executionId;
    }

    /** The schedule id. */
    public String scheduleId() {
        return scheduleId;
    }

    /** The id of the manual run that is queued or running. */
    public String executionId() {
        return executionId;
    }
}
