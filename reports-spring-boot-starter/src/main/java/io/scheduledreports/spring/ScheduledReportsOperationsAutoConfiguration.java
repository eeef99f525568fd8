package io.scheduledreports.spring;

import io.scheduledreports.core.ConfigurationReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spring.internal.ConfigurationCheckFailedException;
import io.scheduledreports.spring.internal.actuate.ScheduledReportsEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The configuration check of Scheduled Reports: the Actuator endpoint {@code scheduledreports} (a read operation
 * that runs {@link ScheduledReports#checkConfiguration()}; expose it with
 * {@code management.endpoints.web.exposure.include=scheduledreports}) and, with
 * {@code scheduled-reports.check-on-startup=true}, the check at start-up, which stops the application when a check
 * fails.
 */
@AutoConfiguration(after = ScheduledReportsAutoConfiguration.class)
@ConditionalOnBean(ScheduledReports.class)
public final class ScheduledReportsOperationsAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledReportsOperationsAutoConfiguration.class);

    /** Runs the check once the engine has started (and migrated the schema); a failed check stops start-up. */
    @Bean
    @ConditionalOnProperty(prefix = "scheduled-reports", name = "check-on-startup", havingValue = "true")
    InitializingBean scheduledReportsStartupCheck(ScheduledReports reports) {
        return () -> {
            ConfigurationReport report = reports.checkConfiguration();
            if (!report.ok()) {
                throw new ConfigurationCheckFailedException(report);
            }
            report.checks().stream()
                    .filter(c -> c.status() == ConfigurationReport.Status.WARNING)
                    .forEach(c -> LOG.warn("Scheduled Reports configuration check {}: {}", c.name(), c.message()));
            LOG.info(
                    "Scheduled Reports configuration check passed ({} checks)",
                    report.checks().size());
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint
        ScheduledReportsEndpoint scheduledReportsEndpoint(ScheduledReports reports) {
            return new ScheduledReportsEndpoint(reports);
        }
    }
}
