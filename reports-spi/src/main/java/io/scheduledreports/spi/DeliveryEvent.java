package io.scheduledreports.spi;

import java.time.Instant;

/**
 * Something happened to one delivery.
 *
 * @param tenantId tenant
 * @param scheduleId schedule id
 * @param executionId execution id
 * @param deliveryId delivery id
 * @param channel channel id
 * @param destination recipient destination
 * @param attempt 1-based delivery attempt
 * @param category failure category, or null
 * @param error failure message, or null
 * @param at when the event happened
 */
public record DeliveryEvent(
        String tenantId,
        String scheduleId,
        String executionId,
        String deliveryId,
        String channel,
        String destination,
        int attempt,
        ErrorCategory category,
        String error,
        Instant at) {}
