package io.scheduledreports.core.recipients;

/**
 * What a valid unsubscribe link points at, for the confirmation page. Carries no ids: the page is shown to
 * whoever holds the link.
 *
 * @param tenantId the tenant (for the host's branding of the page)
 * @param reportName the schedule's name
 * @param maskedDestination the address with most of its local part hidden ({@code a***@example.com})
 * @param alreadyUnsubscribed whether the recipient gets nothing already
 */
public record UnsubscribeTarget(
        String tenantId, String reportName, String maskedDestination, boolean alreadyUnsubscribed) {}
