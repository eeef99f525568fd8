package io.scheduledreports.core.internal;

import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Trigger;
import java.time.Instant;
import java.util.List;

/** Rows of our tables, as the engine reads them. */
final class Rows {
    private Rows() {}

    /** A schedule row. */
    public record ScheduleRow(
            String id,
            String tenantId,
            String ownerId,
            String createdBy,
            String updatedBy,
            String name,
            String reportType,
            String reportParams,
            String outputFormat,
            String scheduleConfig,
            String timezone,
            String locale,
            String misfirePolicy,
            String deliveryOptions,
            String emptyReportPolicy,
            Integer timeoutSeconds,
            String status,
            Instant nextRunAt,
            Instant lastRunAt,
            Instant lastSuccessAt,
            Instant pausedAt,
            Instant deletedAt,
            long version,
            Instant createdAt,
            Instant updatedAt,
            String overlapPolicy,
            String formatOptions,

            String pausedReason) {}

    /** An execution row. */
    public record ExecutionRow(
            String id,
            String tenantId,
            String scheduleId,
            Instant scheduledFor,
            Trigger trigger,
            String status,
            String paramsSnapshot,
            String outputFormat,
            int attempt,
            Instant startedAt,
            Instant finishedAt,
            Long durationMs,
            Long rowCount,
            String artifactKey,
            String artifactName,
            String mediaType,
            Long artifactSize,
            String artifactSha256,
            Instant availableUntil,
            ErrorCategory errorCategory,
            String errorMessage,
            Instant createdAt,
            String resolvedParams,
            Integer timeoutSeconds) {}

    /** A delivery row. */
    public record DeliveryRow(
            String id,
            String tenantId,
            String executionId,
            String recipientId,
            String channel,
            String destination,
            String status,
            int attempts,
            String idempotencyKey,
            String providerReference,
            ErrorCategory errorCategory,
            String lastError,
            Instant sentAt) {}

    /**
     * One page of rows with the number of rows that match the filter in all pages.
     *
     * @param rows the page
     * @param total rows matching in all pages
     */
    record Counted<T>(List<T> rows, long total) {}
}
