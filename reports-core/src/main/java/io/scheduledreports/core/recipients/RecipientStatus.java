package io.scheduledreports.core.recipients;

/** Whether a recipient gets deliveries. */
public enum RecipientStatus {
    /** Gets every delivery of its schedule. */
    ACTIVE,
    /** Unsubscribed (from this schedule or from every report of the tenant); gets nothing. */
    UNSUBSCRIBED,
    /** Its address was refused permanently too often in a row; gets nothing until the owner re-activates it. */
    BOUNCED
}
