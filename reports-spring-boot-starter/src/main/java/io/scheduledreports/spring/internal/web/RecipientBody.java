package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.scheduledreports.spi.Recipient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A recipient as a client sends it.
 *
 * @param channel channel id, e.g. {@code email}
 * @param destination address in the channel's terms
 * @param type shorthand for the {@code type} option (e-mail: {@code to}, {@code cc}, {@code bcc})
 * @param options channel-specific options
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RecipientBody(
        String channel,
        String destination,
        String type,
        Map<String, String> options,
        @JsonAnySetter Map<String, Object> unknown) {

    /** The JSON fields of this body. */
    static final Set<String> FIELDS = Set.of("channel", "destination", "type", "options");

    Recipient toRecipient() {
        return toRecipient("");
    }

    /** The recipient; {@code path} names this body in the request for errors, e.g. {@code recipients[1].}. */
    Recipient toRecipient(String path) {
        UnknownFields.refuse(unknown, FIELDS, path);
        Map<String, String> all = new LinkedHashMap<>(options == null ? Map.of() : options);
        if (type != null) {
            all.put("type", type);
        }
        return new Recipient(null, channel, destination, all);
    }
}
