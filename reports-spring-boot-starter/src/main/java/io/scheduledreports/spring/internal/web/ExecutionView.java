package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.scheduledreports.core.DeliveryRecord;
import io.scheduledreports.core.Execution;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One run of a schedule, after the columns of {@code report_executions}.
 *
 * @param id execution id
 * @param scheduleId schedule id
 * @param scheduledFor the time it was scheduled for
 * @param trigger SCHEDULED, MANUAL or REPLAY
 * @param status lifecycle status
 * @param attempt generation attempts so far
 * @param startedAt start of the latest attempt
 * @param completedAt end of generation
 * @param durationMs generation time
 * @param rowCount rows generated
 * @param fileName file name, when a file exists
 * @param mediaType media type of the file
 * @param fileSizeBytes file size
 * @param sha256 hex SHA-256 of the file
 * @param downloadUrl path of the authenticated download endpoint, when a file exists
 * @param availableUntil until when the file is kept
 * @param errorCategory failure category
 * @param errorMessage a plain message per failure category (or the reason a run was skipped)
 * @param createdAt creation time
 * @param errorDetail the technical failure message, for admins only (null otherwise)
 * @param deliveries per-recipient deliveries (single-execution reads only)
 * @param outputFormat output format of this run
 * @param reportParamsSnapshot the run's parameters, relative date windows resolved
 * @param timeoutSeconds the generation timeout this run is under, in seconds (null before its first attempt)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ExecutionView(
        String id,
        String scheduleId,
        String scheduledFor,
        String trigger,
        String status,
        int attempt,
        String startedAt,
        String completedAt,
        Long durationMs,
        Long rowCount,
        String fileName,
        String mediaType,
        Long fileSizeBytes,
        String sha256,
        String downloadUrl,
        String availableUntil,
        String errorCategory,
        String errorMessage,
        String createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<DeliveryView> deliveries,
        @JsonInclude(JsonInclude.Include.NON_NULL) String errorDetail,
        String outputFormat,
        java.util.Map<String, Object> reportParamsSnapshot,
        Long timeoutSeconds) {

    static ExecutionView of(Execution e, String basePath, boolean withDeliveries) {
        return of(e, basePath, withDeliveries, false);
    }

    /**
     * The view; a failure shows a plain message per category, and its technical detail only to admins.
     *
     * @param admin whether the caller is an admin of the tenant (sees {@code error_detail})
     */
    static ExecutionView of(Execution e, String basePath, boolean withDeliveries, boolean admin) {
        Execution.ArtifactInfo file = e.artifact();
        return new ExecutionView(
                e.id(),
                e.scheduleId(),
                Json.instant(e.scheduledFor()),
                e.trigger().name(),
                e.status().name(),
                e.attempt(),
                Json.instant(e.startedAt()),
                Json.instant(e.finishedAt()),
                e.durationMs(),
                e.rowCount(),
                file == null ? null : file.fileName(),
                file == null ? null : file.mediaType(),
                file == null ? null : file.size(),
                file == null ? null : file.sha256(),
                file == null ? null : basePath + "/report-executions/" + e.id() + "/download",
                Json.instant(e.availableUntil()),
                e.errorCategory() == null ? null : e.errorCategory().name(),
                e.errorCategory() == null ? e.errorMessage() : UserMessages.of(e.errorCategory()),
                Json.instant(e.createdAt()),
                withDeliveries
                        ? e.deliveries().stream()
                                .map(d -> DeliveryView.of(d, admin))
                                .toList()
                        : null,
                admin && e.errorCategory() != null ? e.errorMessage() : null,
                e.outputFormat(),
                e.reportParamsSnapshot(),
                e.timeout() == null ? null : e.timeout().toSeconds());
    }

    /**
     * One delivery.
     *
     * @param id delivery id
     * @param recipientId recipient id
     * @param channel channel id
     * @param destination address
     * @param status PENDING, SENDING, SENT, FAILED or CANCELLED
     * @param attempts attempts so far
     * @param sentAt when accepted
     * @param providerReference the channel's id of the sent message
     * @param errorCategory last failure category
     * @param lastError a plain message per failure category
     * @param errorDetail the technical failure message, for admins only (null otherwise)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeliveryView(
            String id,
            String recipientId,
            String channel,
            String destination,
            String status,
            int attempts,
            String sentAt,
            String providerReference,
            String errorCategory,
            String lastError,
            @JsonInclude(JsonInclude.Include.NON_NULL) String errorDetail) {

        static DeliveryView of(DeliveryRecord d, boolean admin) {
            boolean failed = d.errorCategory() != null && d.lastError() != null;
            return new DeliveryView(
                    d.id(),
                    d.recipientId(),
                    d.channel(),
                    d.destination(),
                    d.status().name(),
                    d.attempts(),
                    Json.instant(d.sentAt()),
                    d.providerReference(),
                    d.errorCategory() == null ? null : d.errorCategory().name(),
                    failed ? UserMessages.of(d.errorCategory()) : d.lastError(),
                    admin && failed ? d.lastError() : null);
        }
    }
}
