package io.scheduledreports.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spring.internal.actuate.ReportsGauges;
import io.scheduledreports.spring.internal.actuate.ReportsMetrics;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of Scheduled Reports: counters of generations and deliveries on this instance, the generation
 * timer, and cluster-wide gauges (queue depth, running generations, stored executions by status, success rates,
 * unresolved dead letters) read from the database at most every
 * {@code scheduled-reports.metrics.stats-cache-duration}.
 */
@AutoConfiguration(
        after = ScheduledReportsAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ScheduledReports.class, MeterRegistry.class})
public final class ScheduledReportsMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReportsMetrics scheduledReportsMetrics(MeterRegistry registry) {
        return new ReportsMetrics(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    ReportsGauges scheduledReportsGauges(
            MeterRegistry registry, ScheduledReports reports, ScheduledReportsProperties properties) {
        return new ReportsGauges(registry, reports, properties.getMetrics().getStatsCacheDuration(), Clock.systemUTC());
    }
}
