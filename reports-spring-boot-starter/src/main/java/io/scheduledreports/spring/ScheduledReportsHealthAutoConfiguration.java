package io.scheduledreports.spring;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.delivery.email.EmailChannel;
import io.scheduledreports.delivery.email.EmailHealth;
import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spring.internal.EmailOffNotice;
import io.scheduledreports.spring.internal.EngineConfigurer;
import io.scheduledreports.spring.internal.actuate.CachingMailServerProbe;
import io.scheduledreports.spring.internal.actuate.MailServerProbe;
import io.scheduledreports.spring.internal.actuate.ScheduledReportsHealth;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health of Scheduled Reports, {@code scheduledReports} in the health endpoint: engine, database, free disk space
 * of the artifact store and, with the e-mail channel, the SMTP server. Turn it off with
 * {@code management.health.scheduledReports.enabled=false}.
 */
@AutoConfiguration(after = ScheduledReportsAutoConfiguration.class)
@ConditionalOnClass({HealthContributor.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(ScheduledReports.class)
@ConditionalOnEnabledHealthIndicator("scheduledReports")
@org.springframework.boot.context.properties.EnableConfigurationProperties(ScheduledReportsLimitsProperties.class)
public final class ScheduledReportsHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = {"scheduledReportsHealthIndicator", "scheduledReportsHealthContributor"})
    HealthContributor scheduledReportsHealthContributor(
            ScheduledReports reports,
            ObjectProvider<DataSource> dataSources,
            @ScheduledReportsDataSource ObjectProvider<DataSource> reportsDataSource,
            ArtifactStore artifactStore,
            ScheduledReportsProperties properties,
            ObjectProvider<MailServerProbe> mailServer,
            ObjectProvider<EmailOffNotice> emailOff) {
        return ScheduledReportsHealth.contributor(
                reports,
                ScheduledReportsAutoConfiguration.dataSource(dataSources, reportsDataSource),
                artifactStore,
                EngineConfigurer.diskGuardOf(properties),
                mailServer.getIfUnique(),
                emailOff.getIfAvailable() != null,
                properties.getMetrics().getStatsCacheDuration());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(EmailChannel.class)
    @ConditionalOnBean(EmailChannel.class)
    static class MailServerProbeConfiguration {

        /** Cached and checked in the background (scheduled-reports.health.smtp.*): health never waits on SMTP. */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        MailServerProbe scheduledReportsMailServerProbe(
                EmailChannel channel, ObjectProvider<ScheduledReportsLimitsProperties> limits) {
            ScheduledReportsLimitsProperties.SmtpHealth smtp = limits.getIfAvailable(
                            ScheduledReportsLimitsProperties::new)
                    .getHealth()
                    .getSmtp();
            return new CachingMailServerProbe(
                    () -> {
                        EmailHealth health = channel.healthCheck();
                        return new MailServerProbe.Status(health.up(), health.details());
                    },
                    smtp.getCacheDuration(),
                    smtp.getTimeout());
        }
    }
}
