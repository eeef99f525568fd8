package io.scheduledreports.delivery.slack.internal;

import io.scheduledreports.spi.ErrorCategory;
import java.util.Set;

/** Slack's {@code ok:false} error codes and what they mean for a retry. */
public final class SlackErrors {
    private SlackErrors() {}

    /** Codes that need someone to fix the token, the scopes or the channel: not retried. */
    static final Set<String> CONFIGURATION = Set.of(
            "channel_not_found",
            "not_in_channel",
            "is_archived",
            "channel_is_archived",
            "invalid_auth",
            "not_authed",
            "token_revoked",
            "token_expired",
            "account_inactive",
            "missing_scope",
            "no_permission",
            "not_allowed_token_type",
            "restricted_action",
            "team_access_not_granted",
            "ekm_access_denied",
            "access_denied",
            "invalid_channel");

    /** Codes of a temporary problem on Slack's side: retried. */
    static final Set<String> TRANSIENT =
            Set.of("ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout");

    /**
     * The category of an {@code ok:false} answer.
     *
     * @param error Slack's error code
     * @return CONFIGURATION, NETWORK (retried) or DATA (the message itself was refused)
     */
    public static ErrorCategory categorize(String error) {
        if (CONFIGURATION.contains(error)) {
            return ErrorCategory.CONFIGURATION;
        }
        if (TRANSIENT.contains(error)) {
            return ErrorCategory.NETWORK;
        }
        return ErrorCategory.DATA;
    }
}
