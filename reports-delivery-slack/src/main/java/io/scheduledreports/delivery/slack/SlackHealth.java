package io.scheduledreports.delivery.slack;

/**
 * The outcome of {@link SlackChannel#healthCheck()} ({@code auth.test} with the default bot token).
 *
 * @param ok whether Slack accepted the token
 * @param team the workspace name when ok
 * @param error Slack's error code or the failure when not ok
 */
public record SlackHealth(boolean ok, String team, String error) {}
