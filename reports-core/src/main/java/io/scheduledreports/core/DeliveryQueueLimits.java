package io.scheduledreports.core;

import io.scheduledreports.spi.ReportsValidationException;

/**
 * Limits of the delivery queue, per channel (seed 004, R9.7 and R9.10). Above {@code maxPendingPerChannel} pending
 * deliveries of a channel, new generations whose schedule delivers through that channel are deferred (not failed,
 * no attempt used) until the backlog drains; above {@code alertThreshold} the channel's backlog raises an event
 * ({@link io.scheduledreports.spi.ReportsListener#deliveryBacklogHigh}), a health warning and a gauge.
 *
 * @param maxPendingPerChannel pending (and sending) deliveries of one channel beyond which generations wait
 * @param alertThreshold pending deliveries of one channel above which the backlog is reported
 */
public record DeliveryQueueLimits(int maxPendingPerChannel, int alertThreshold) {

    /** Default maximum of pending deliveries per channel. */
    public static final int DEFAULT_MAX_PENDING_PER_CHANNEL = 10_000;
    /** Default backlog above which it is reported. */
    public static final int DEFAULT_ALERT_THRESHOLD = 100;

    /** Validates. */
    public DeliveryQueueLimits {
        if (maxPendingPerChannel < 1 || maxPendingPerChannel > 10_000_000) {
            throw new ReportsValidationException(
                    "deliveryQueue.maxPendingPerChannel", "must be 1-10000000, was " + maxPendingPerChannel);
        }
        if (alertThreshold < 1 || alertThreshold > maxPendingPerChannel) {
            throw new ReportsValidationException(
                    "deliveryQueue.alertThreshold",
                    "must be 1-" + maxPendingPerChannel + " (at most maxPendingPerChannel), was " + alertThreshold);
        }
    }

    /** 10,000 pending per channel, reported above 100. */
    public static DeliveryQueueLimits ofDefaults() {
        return new DeliveryQueueLimits(DEFAULT_MAX_PENDING_PER_CHANNEL, DEFAULT_ALERT_THRESHOLD);
    }
}
