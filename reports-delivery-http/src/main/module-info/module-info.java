/**
 * The SSRF-safe outbound HTTP client shared by the webhook and Slack channels. The {@code internal} package is not
 * API.
 */
module io.scheduledreports.delivery.http {
    requires transitive io.scheduledreports.spi;

    exports io.scheduledreports.delivery.http;
}
