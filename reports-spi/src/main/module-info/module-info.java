/**
 * The service-provider interfaces of Scheduled Reports: the types a host implements (report types, formatters,
 * channels, artifact stores, authorizers, secret resolvers, holiday calendars) and the values they exchange.
 */
module io.scheduledreports.spi {
    requires transitive java.sql;

    exports io.scheduledreports.spi;
}
