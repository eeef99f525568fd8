package io.scheduledreports.core.recipients;

/**
 * What an unsubscribe did.
 *
 * @param scope what it covered
 * @param recipientsDeactivated recipient rows that stopped getting deliveries now (0 when repeated)
 * @param changed whether anything changed (false for a repeated request: unsubscribing is idempotent)
 */
public record UnsubscribeOutcome(UnsubscribeScope scope, int recipientsDeactivated, boolean changed) {}
