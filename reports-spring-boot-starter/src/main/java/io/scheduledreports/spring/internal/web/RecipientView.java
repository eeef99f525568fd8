package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.scheduledreports.spi.Recipient;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A stored recipient.
 *
 * @param id recipient id
 * @param channel channel id
 * @param destination address
 * @param options channel-specific options (omitted when empty)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RecipientView(
        String id,
        String channel,
        String destination,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> options) {

    static RecipientView of(Recipient r) {
        return new RecipientView(r.id(), r.channel(), r.destination(), r.options());
    }
}
