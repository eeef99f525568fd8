package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.scheduledreports.core.recipients.RecipientState;
import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A recipient with whether it gets deliveries.
 *
 * @param id recipient id
 * @param channel channel id
 * @param destination address
 * @param status ACTIVE, UNSUBSCRIBED or BOUNCED
 * @param tenantWideOptOut whether the address unsubscribed from every report of the tenant
 * @param inactiveSince when it stopped getting deliveries (omitted while active)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RecipientStateView(
        String id,
        String channel,
        String destination,
        String status,
        boolean tenantWideOptOut,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant inactiveSince) {

    static RecipientStateView of(RecipientState s) {
        return new RecipientStateView(
                s.recipientId(),
                s.channel(),
                s.destination(),
                s.status().name(),
                s.tenantWideOptOut(),
                s.inactiveSince());
    }
}
