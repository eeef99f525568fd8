package io.scheduledreports.spi;

import java.util.Map;

/**
 * One recipient of a schedule: a channel and a destination in that channel's terms (an e-mail address, a
 * webhook URL), with channel-specific options (for e-mail: {@code type} = {@code to} | {@code cc} |
 * {@code bcc}).
 *
 * @param id stable id of the recipient row; null before it is stored
 * @param channel id of the {@link DeliveryChannel}
 * @param destination address in the channel's terms
 * @param options channel-specific options; never null
 */
public record Recipient(String id, String channel, String destination, Map<String, String> options) {

    /** Validates the recipient. */
    public Recipient {
        if (channel == null || channel.isBlank()) {
            throw new ReportsValidationException("recipients.channel", "must not be blank");
        }
        if (destination == null || destination.isBlank()) {
            throw new ReportsValidationException("recipients.destination", "must not be blank");
        }
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** A new recipient without options. */
    public static Recipient of(String channel, String destination) {
        return new Recipient(null, channel, destination, Map.of());
    }

    /** An option, or {@code defaultValue}. */
    public String option(String key, String defaultValue) {
        return options.getOrDefault(key, defaultValue);
    }

    /** This recipient with its stored id. */
    public Recipient withId(String newId) {
        return new Recipient(newId, channel, destination, options);
    }

    /** Same channel and destination (case-sensitive), the uniqueness rule of a schedule's recipients. */
    public boolean sameAddress(Recipient other) {
        return channel.equals(other.channel) && destination.equals(other.destination);
    }

    @Override
    public String toString() {
        return channel + ":" + destination + (id == null ? "" : " (" + id + ")");
    }
}
