package io.scheduledreports.core.internal;

import io.scheduledreports.core.links.UnsubscribeLinks;
import java.net.URI;

/**
 * The engine's recipient and privacy settings. Created by {@code ScheduledReports.Builder}.
 *
 * @param unsubscribeLinks signer of unsubscribe links, or null when they are off
 * @param unsubscribeBaseUrl the host's unsubscribe endpoint, or null when links are off
 * @param recipientPolicy which recipients each tenant's schedules may have
 */
public record PrivacyConfig(
        UnsubscribeLinks unsubscribeLinks,
        URI unsubscribeBaseUrl,
        io.scheduledreports.core.recipients.RecipientPolicy recipientPolicy) {

    /** Everything off. */
    public static PrivacyConfig off() {
        return new PrivacyConfig(null, null, io.scheduledreports.core.recipients.RecipientPolicy.allowAll());
    }

    /**
     * Refuses recipients the policy refuses, naming the first one as {@code recipients[i].destination}.
     *
     * @throws io.scheduledreports.spi.ReportsValidationException for the first violation
     */
    void enforce(String tenantId, java.util.List<io.scheduledreports.spi.Recipient> recipients) {
        java.util.List<io.scheduledreports.core.recipients.RecipientPolicy.Violation> violations =
                recipientPolicy.check(tenantId, recipients);
        if (violations != null && !violations.isEmpty()) {
            io.scheduledreports.core.recipients.RecipientPolicy.Violation v = violations.get(0);
            throw new io.scheduledreports.spi.ReportsValidationException(
                    "recipients[" + v.index() + "].destination", v.rule() + ": " + v.message());
        }
    }
}
