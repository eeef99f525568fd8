package io.scheduledreports.core.recipients;

import java.time.Instant;
import java.util.Objects;

/**
 * A schedule's recipient with whether it gets deliveries.
 *
 * @param recipientId the recipient row
 * @param scheduleId its schedule
 * @param channel channel id
 * @param destination address
 * @param status active, unsubscribed or bounced
 * @param tenantWideOptOut whether the address unsubscribed from every report of the tenant
 * @param inactiveSince when it stopped getting deliveries, or null when active
 */
public record RecipientState(
        String recipientId,
        String scheduleId,
        String channel,
        String destination,
        RecipientStatus status,
        boolean tenantWideOptOut,
        Instant inactiveSince) {

    /** Checks the values. */
    public RecipientState {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(status, "status");
    }

    /** Whether it gets deliveries. */
    public boolean isActive() {
        return status == RecipientStatus.ACTIVE;
    }
}
