package io.scheduledreports.spring;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spring.internal.BackupConfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Applies {@link ScheduledReportsBackupProperties} (backup key, daily backup, retention) to the auto-configured
 * engine, as a {@link ScheduledReportsBuilderCustomizer} that runs before the host's own.
 */
@AutoConfiguration(before = ScheduledReportsAutoConfiguration.class)
@ConditionalOnClass(ScheduledReports.class)
@ConditionalOnBooleanProperty(name = "scheduled-reports.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ScheduledReportsBackupProperties.class)
public final class ScheduledReportsBackupAutoConfiguration {

    @Bean
    BackupConfigurer scheduledReportsBackupConfigurer(ScheduledReportsBackupProperties properties) {
        return new BackupConfigurer(properties);
    }
}
