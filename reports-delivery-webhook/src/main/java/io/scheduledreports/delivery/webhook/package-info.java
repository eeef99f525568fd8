/**
 * Webhook delivery: {@link io.scheduledreports.delivery.webhook.WebhookChannel} posts a signed JSON event
 * (Standard Webhooks headers, {@link io.scheduledreports.delivery.webhook.WebhookSigner}) to a recipient's https
 * URL, optionally with the file, through the SSRF guard of {@code reports-delivery-http}.
 */
package io.scheduledreports.delivery.webhook;
