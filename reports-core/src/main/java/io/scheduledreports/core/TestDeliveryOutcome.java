package io.scheduledreports.core;

import io.scheduledreports.spi.ErrorCategory;

/**
 * The synchronous outcome of {@link ScheduledReports#testDelivery}: a clearly marked test message sent through one
 * recipient's channel, with the schedule's last generated file when there is one.
 *
 * @param sent whether the channel accepted the test message
 * @param recipientId the recipient
 * @param channel its channel
 * @param destination its destination
 * @param fileName the file sent: the last generated one, or null when the schedule has none yet (a short text
 *     file saying so is sent instead)
 * @param providerReference the channel's id for the message (e-mail Message-ID, SFTP path); null when failed
 * @param category why it failed; null when sent
 * @param message what failed; null when sent
 */
public record TestDeliveryOutcome(
        boolean sent,
        String recipientId,
        String channel,
        String destination,
        String fileName,
        String providerReference,
        ErrorCategory category,
        String message) {}
