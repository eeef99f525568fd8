package io.scheduledreports.core;

import java.util.Map;
import java.util.TreeMap;

/**
 * The delivery queue across the cluster, per channel, as last counted (at most a few seconds old).
 *
 * @param pendingByChannel pending and sending deliveries per channel id (channels with none are absent)
 * @param limits the configured limits
 */
public record DeliveryQueueStatus(Map<String, Long> pendingByChannel, DeliveryQueueLimits limits) {

    /** Copies the counts, sorted by channel. */
    public DeliveryQueueStatus {
        pendingByChannel = java.util.Collections.unmodifiableMap(new TreeMap<>(pendingByChannel));
    }

    /** Channels whose backlog is above the alert threshold. */
    public Map<String, Long> backlogged() {
        Map<String, Long> over = new TreeMap<>();
        pendingByChannel.forEach((c, n) -> {
            if (n > limits.alertThreshold()) {
                over.put(c, n);
            }
        });
        return over;
    }

    /** Channels at or above the maximum, whose new generations wait. */
    public Map<String, Long> full() {
        Map<String, Long> over = new TreeMap<>();
        pendingByChannel.forEach((c, n) -> {
            if (n >= limits.maxPendingPerChannel()) {
                over.put(c, n);
            }
        });
        return over;
    }
}
