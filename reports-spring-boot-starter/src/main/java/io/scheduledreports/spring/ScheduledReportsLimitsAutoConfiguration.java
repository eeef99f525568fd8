package io.scheduledreports.spring;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spi.TenantLimiter;
import io.scheduledreports.spring.internal.LimitsConfigurer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Applies {@link ScheduledReportsLimitsProperties} (visibility inside a tenant, manual-run limits, tenant
 * concurrency limits) to the auto-configured engine, as the first {@link ScheduledReportsBuilderCustomizer}.
 */
@AutoConfiguration(before = ScheduledReportsAutoConfiguration.class)
@ConditionalOnClass(ScheduledReports.class)
@ConditionalOnBooleanProperty(name = "scheduled-reports.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ScheduledReportsLimitsProperties.class)
public final class ScheduledReportsLimitsAutoConfiguration {

    @Bean
    LimitsConfigurer scheduledReportsLimitsConfigurer(
            ScheduledReportsLimitsProperties properties, ObjectProvider<TenantLimiter> tenantLimiter) {
        return new LimitsConfigurer(properties, tenantLimiter.getIfUnique() != null);
    }
}
