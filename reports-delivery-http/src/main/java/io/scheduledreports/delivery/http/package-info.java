/**
 * Outbound HTTP for the HTTP-based delivery channels (webhook, Slack), built on the JDK only:
 * {@link io.scheduledreports.delivery.http.OutboundPolicy} (the SSRF guard: https only, refused address classes,
 * an allowlist of hosts and CIDR blocks) and {@link io.scheduledreports.delivery.http.OutboundHttp} (connects to
 * the vetted address, no redirects, timeouts, capped response bodies).
 */
package io.scheduledreports.delivery.http;
