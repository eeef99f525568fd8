package io.scheduledreports.core;

import io.scheduledreports.spi.ErrorCategory;
import java.time.Instant;

/**
 * One delivery of an execution to one recipient.
 *
 * @param id delivery id
 * @param executionId execution id
 * @param recipientId recipient id
 * @param channel channel id
 * @param destination destination
 * @param status lifecycle status
 * @param attempts attempts so far
 * @param idempotencyKey stable key across retries
 * @param providerReference the channel's id for the sent message, or null
 * @param errorCategory last failure category, or null
 * @param lastError last failure message, or null
 * @param sentAt when it was accepted, or null
 */
public record DeliveryRecord(
        String id,
        String executionId,
        String recipientId,
        String channel,
        String destination,
        DeliveryStatus status,
        int attempts,
        String idempotencyKey,
        String providerReference,
        ErrorCategory errorCategory,
        String lastError,
        Instant sentAt) {}
