package io.scheduledreports.core.internal;

import io.scheduledreports.core.links.UnsubscribeLinks;
import java.net.URI;

/**
 * The engine's recipient and privacy settings. Created by {@code ScheduledReports.Builder}.
 *
 * @param unsubscribeLinks signer of unsubscribe links, or null when they are off
 * @param unsubscribeBaseUrl the host's unsubscribe endpoint, or null when links are off
 */
public record PrivacyConfig(UnsubscribeLinks unsubscribeLinks, URI unsubscribeBaseUrl) {

    /** Everything off. */
    public static PrivacyConfig off() {
        return new PrivacyConfig(null, null);
    }
}
