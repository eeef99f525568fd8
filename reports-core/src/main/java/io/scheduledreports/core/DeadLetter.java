package io.scheduledreports.core;

import io.scheduledreports.spi.ErrorCategory;
import java.time.Instant;

/**
 * Work that failed for the last time: a generation (the whole execution) or one delivery. It keeps everything
 * needed to replay it: the execution (its parameter snapshot and schedule) and, for a delivery, the recipient.
 *
 * @param id dead letter id
 * @param tenantId tenant
 * @param scheduleId schedule
 * @param executionId execution
 * @param deliveryId delivery, for {@link Kind#DELIVERY}
 * @param kind what failed
 * @param category why
 * @param errorMessage last error message
 * @param errorDetail short stack summary, or null
 * @param attempts attempts made
 * @param status lifecycle
 * @param resolutionNote the operator's note, or null
 * @param resolvedBy who resolved or retried it, or null
 * @param resolvedAt when, or null
 * @param createdAt when it failed for good
 */
public record DeadLetter(
        String id,
        String tenantId,
        String scheduleId,
        String executionId,
        String deliveryId,
        Kind kind,
        ErrorCategory category,
        String errorMessage,
        String errorDetail,
        int attempts,
        Status status,
        String resolutionNote,
        String resolvedBy,
        Instant resolvedAt,
        Instant createdAt) {

    /** What failed. */
    public enum Kind {
        /** Generating the report. */
        GENERATION,
        /** Delivering it to one recipient. */
        DELIVERY
    }

    /** Lifecycle of a dead letter. */
    public enum Status {
        /** Waiting for an operator. */
        UNRESOLVED,
        /** Replayed: the work was queued again (it may dead-letter again as a new entry). */
        RETRIED,
        /** Closed by an operator without replay. */
        RESOLVED
    }
}
