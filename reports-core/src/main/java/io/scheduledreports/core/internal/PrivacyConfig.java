package io.scheduledreports.core.internal;

import io.scheduledreports.core.links.Pseudonyms;
import io.scheduledreports.core.links.UnsubscribeLinks;
import io.scheduledreports.core.recipients.RecipientPolicy;
import io.scheduledreports.core.recipients.WeeklySummary;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsValidationException;
import java.net.URI;
import java.util.List;

/**
 * The engine's recipient and privacy settings. Created by {@code ScheduledReports.Builder}.
 *
 * @param unsubscribeLinks signer of unsubscribe links, or null when they are off
 * @param unsubscribeBaseUrl the host's unsubscribe endpoint, or null when links are off
 * @param recipientPolicy which recipients each tenant's schedules may have
 * @param bounceThreshold permanent refusals in a row after which a recipient is marked bounced
 * @param weeklySummary when owners get their weekly summary, or null when it is off
 * @param pseudonyms the keyed hash that replaces erased addresses and user ids, or null without link keys
 */
public record PrivacyConfig(
        UnsubscribeLinks unsubscribeLinks,
        URI unsubscribeBaseUrl,
        RecipientPolicy recipientPolicy,
        int bounceThreshold,
        WeeklySummary weeklySummary,
        Pseudonyms pseudonyms) {

    /** Default of {@link #bounceThreshold()}. */
    public static final int DEFAULT_BOUNCE_THRESHOLD = 3;

    /** Everything off. */
    public static PrivacyConfig off() {
        return new PrivacyConfig(null, null, RecipientPolicy.allowAll(), DEFAULT_BOUNCE_THRESHOLD, null, null);
    }

    /**
     * Refuses recipients the policy refuses, naming the first one as {@code recipients[i].destination}.
     *
     * @throws ReportsValidationException for the first violation
     */
    void enforce(String tenantId, List<Recipient> recipients) {
        List<RecipientPolicy.Violation> violations = recipientPolicy.check(tenantId, recipients);
        if (violations != null && !violations.isEmpty()) {
            RecipientPolicy.Violation v = violations.get(0);
            throw new ReportsValidationException(
                    "recipients[" + v.index() + "].destination", v.rule() + ": " + v.message());
        }
    }
}
