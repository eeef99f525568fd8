package io.scheduledreports.core.recipients;

/** What an unsubscribe covers. */
public enum UnsubscribeScope {
    /** The one schedule whose mail carried the link (RFC 8058 one-click). */
    SCHEDULE,
    /** Every report of the tenant, now and later, for that address on that channel. */
    TENANT
}
