/**
 * The Scheduled Reports engine and its Java API ({@code io.scheduledreports.core.ScheduledReports}). Packages named
 * {@code internal} are not exported: they are not API.
 */
module io.scheduledreports.core {
    requires transitive io.scheduledreports.spi;
    requires transitive io.scheduledreports.jdbc;
    requires com.github.kagkarlsson.scheduler;
    requires com.cronutils;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.jdbi.v3.core;
    requires org.slf4j;

    exports io.scheduledreports.core;
    exports io.scheduledreports.core.artifact;
    exports io.scheduledreports.core.backup;
    exports io.scheduledreports.core.calendar;
    exports io.scheduledreports.core.limits;
    exports io.scheduledreports.core.links;
    exports io.scheduledreports.core.params;
    exports io.scheduledreports.core.schedule;
}
