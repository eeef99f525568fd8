package io.scheduledreports.spi;

import java.time.Instant;

/**
 * Something happened to an execution. Fields that do not apply to the event are null (or -1 for counts).
 *
 * @param tenantId tenant
 * @param scheduleId schedule id
 * @param executionId execution id
 * @param reportTypeId report type id
 * @param ownerId owner of the schedule
 * @param scheduledFor the instant the run was scheduled for
 * @param trigger what started it
 * @param attempt 1-based generation attempt
 * @param rowCount rows generated, or -1
 * @param category failure category, or null
 * @param error failure message, or null
 * @param at when the event happened
 */
public record ExecutionEvent(
        String tenantId,
        String scheduleId,
        String executionId,
        String reportTypeId,
        String ownerId,
        Instant scheduledFor,
        Trigger trigger,
        int attempt,
        long rowCount,
        ErrorCategory category,
        String error,
        Instant at) {}
