/** The Slack delivery channel (Slack Web API file uploads). The {@code internal} package is not API. */
module io.scheduledreports.delivery.slack {
    requires transitive io.scheduledreports.spi;
    requires transitive io.scheduledreports.delivery.http;
    requires com.fasterxml.jackson.databind;

    exports io.scheduledreports.delivery.slack;
}
