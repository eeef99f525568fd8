package io.scheduledreports.spi;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of {@link DeliveryChannel#checkConnection(String)}: whether the channel can reach a destination
 * with its configured credentials, without delivering anything.
 *
 * @param status whether the check passed, failed, or the channel has none
 * @param category why it failed; null unless {@link Status#FAILED}
 * @param message a short human-readable outcome; never a secret
 * @param details extra facts for operators (server, directory, latency); never a secret
 */
public record ConnectionCheck(Status status, ErrorCategory category, String message, Map<String, String> details) {

    /** The kind of outcome. */
    public enum Status {
        /** The destination was reached and accepted the credentials (and, where checked, would accept a file). */
        OK,
        /** The check failed; {@link ConnectionCheck#category()} says why. */
        FAILED,
        /** The channel has no connection check. */
        UNSUPPORTED
    }

    /** Validates and copies. */
    public ConnectionCheck {
        Objects.requireNonNull(status, "status");
        if (status == Status.FAILED) {
            Objects.requireNonNull(category, "a failed check needs a category");
        } else if (category != null) {
            throw new IllegalArgumentException("category: only a failed check has one, was " + category);
        }
        message = message == null ? "" : message;
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** The check passed. */
    public static ConnectionCheck ok(String message, Map<String, String> details) {
        return new ConnectionCheck(Status.OK, null, message, details);
    }

    /** The check failed; the category says whether it may pass later by itself. */
    public static ConnectionCheck failed(ErrorCategory category, String message, Map<String, String> details) {
        return new ConnectionCheck(Status.FAILED, category, message, details);
    }

    /** The channel {@code channelId} has no connection check. */
    public static ConnectionCheck unsupported(String channelId) {
        return new ConnectionCheck(
                Status.UNSUPPORTED, null, "channel '" + channelId + "' has no connection check", Map.of());
    }

    /** Whether the check passed. */
    public boolean ok() {
        return status == Status.OK;
    }
}
