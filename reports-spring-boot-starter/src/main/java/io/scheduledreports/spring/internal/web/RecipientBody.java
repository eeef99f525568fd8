package io.scheduledreports.spring.internal.web;

import io.scheduledreports.spi.Recipient;
import java.util.LinkedHashMap;
import java.util.Map;
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
record RecipientBody(String channel, String destination, String type, Map<String, String> options) {

    Recipient toRecipient() {
        Map<String, String> all = new LinkedHashMap<>(options == null ? Map.of() : options);
        if (type != null) {
            all.put("type", type);
        }
        return new Recipient(null, channel, destination, all);
    }
}
