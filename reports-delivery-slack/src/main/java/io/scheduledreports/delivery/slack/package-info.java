/**
 * Slack delivery: {@link io.scheduledreports.delivery.slack.SlackChannel} posts a summary (Block Kit) to a
 * channel and uploads the file through Slack's external upload flow, or links it, over the guarded HTTP client of
 * {@code reports-delivery-http}.
 */
package io.scheduledreports.delivery.slack;
