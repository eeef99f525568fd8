/** The webhook delivery channel (Standard Webhooks signatures). The {@code internal} package is not API. */
module io.scheduledreports.delivery.webhook {
    requires transitive io.scheduledreports.spi;
    requires transitive io.scheduledreports.delivery.http;
    requires com.fasterxml.jackson.databind;

    exports io.scheduledreports.delivery.webhook;
}
