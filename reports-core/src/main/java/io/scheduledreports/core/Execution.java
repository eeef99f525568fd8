package io.scheduledreports.core;

import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run of a schedule.
 *
 * @param id execution id
 * @param tenantId tenant
 * @param scheduleId schedule id
 * @param scheduledFor the time it was scheduled for
 * @param trigger what started it
 * @param status lifecycle status
 * @param attempt generation attempts so far
 * @param startedAt start of the latest attempt, or null
 * @param finishedAt end of generation, or null
 * @param durationMs generation time of the latest attempt, or null
 * @param rowCount rows generated, or null
 * @param artifact the file, or null before generation and after expiry
 * @param availableUntil until when the file can be downloaded, or null
 * @param errorCategory failure category, or null
 * @param errorMessage failure message, or null
 * @param createdAt creation time
 * @param deliveries deliveries (filled only by single-execution reads)
 * @param outputFormat the output format of this run
 * @param reportParamsSnapshot the parameters of this run as the report type got them, relative date windows
 *     resolved (a window is {@code {"start", "end", "end_exclusive", "timezone"}}), written when the run was created
 * @param timeout the timeout its generation runs under (a one-off override, else the schedule's, else the engine
 *     default; at most the engine maximum), stored when the first attempt starts or with an override; null before
 */
public record Execution(
        String id,
        String tenantId,
        String scheduleId,
        Instant scheduledFor,
        Trigger trigger,
        ExecutionStatus status,
        int attempt,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        Long rowCount,
        ArtifactInfo artifact,
        Instant availableUntil,
        ErrorCategory errorCategory,
        String errorMessage,
        Instant createdAt,
        List<DeliveryRecord> deliveries,
        String outputFormat,
        Map<String, Object> reportParamsSnapshot,
        Duration timeout) {

    /** Copies the deliveries and parameters. */
    public Execution {
        deliveries = deliveries == null ? List.of() : List.copyOf(deliveries);
        reportParamsSnapshot = reportParamsSnapshot == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reportParamsSnapshot));
    }

    /**
     * A generated file.
     *
     * @param fileName file name offered for download
     * @param mediaType media type
     * @param size bytes
     * @param sha256 hex SHA-256
     */
    public record ArtifactInfo(String fileName, String mediaType, long size, String sha256) {}
}
