package io.scheduledreports.delivery.email;

import java.util.Map;
import java.util.Objects;

/**
 * Result of {@link EmailChannel#healthCheck()}, shaped for a health endpoint.
 *
 * @param up whether the server accepted a connection (and the credentials, when configured) and a NOOP
 * @param details {@code server}, {@code security}, and when down {@code error} and {@code category}; never the
 *     password
 */
public record EmailHealth(boolean up, Map<String, String> details) {

    /** Validates and copies. */
    public EmailHealth {
        details = Map.copyOf(Objects.requireNonNull(details, "details"));
    }
}
