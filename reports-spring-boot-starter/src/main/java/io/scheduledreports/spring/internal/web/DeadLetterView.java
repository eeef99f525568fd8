package io.scheduledreports.spring.internal.web;

import io.scheduledreports.core.DeadLetter;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Work that failed for the last time, as the API returns it.
 *
 * @param id dead letter id
 * @param scheduleId schedule
 * @param executionId execution
 * @param deliveryId delivery, for a failed delivery; null for a failed generation
 * @param kind GENERATION or DELIVERY
 * @param errorCategory NETWORK, DATA, SYSTEM, CONFIGURATION, PERMISSION, TIMEOUT or UNKNOWN
 * @param errorMessage last error message
 * @param errorDetail short stack summary, or null
 * @param attempts attempts made
 * @param status UNRESOLVED, RETRIED or RESOLVED
 * @param createdAt when the work failed for good
 * @param resolvedAt when it was retried or resolved, or null
 * @param resolvedBy who retried or resolved it, or null
 * @param resolutionNote the note given when resolving, or null
 * @param timeInQueueMs how long it has been (or was, once closed) in the queue
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record DeadLetterView(
        String id,
        String scheduleId,
        String executionId,
        String deliveryId,
        String kind,
        String errorCategory,
        String errorMessage,
        String errorDetail,
        int attempts,
        String status,
        String createdAt,
        String resolvedAt,
        String resolvedBy,
        String resolutionNote,
        long timeInQueueMs) {

    static DeadLetterView of(DeadLetter d, Instant now) {
        Instant until = d.resolvedAt() != null ? d.resolvedAt() : now;
        return new DeadLetterView(
                d.id(),
                d.scheduleId(),
                d.executionId(),
                d.deliveryId(),
                d.kind().name(),
                d.category().name(),
                d.errorMessage(),
                d.errorDetail(),
                d.attempts(),
                d.status().name(),
                Json.instant(d.createdAt()),
                Json.instant(d.resolvedAt()),
                d.resolvedBy(),
                d.resolutionNote(),
                Math.max(0, Duration.between(d.createdAt(), until).toMillis()));
    }
}
