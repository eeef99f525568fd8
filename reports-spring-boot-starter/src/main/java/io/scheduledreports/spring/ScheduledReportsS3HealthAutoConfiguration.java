package io.scheduledreports.spring;

import io.scheduledreports.spring.internal.s3.S3StorageHealthIndicator;
import io.scheduledreports.storage.s3.S3ArtifactStore;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Health of the S3 artifact store, {@code scheduledReportsStorage} in the health endpoint: the bucket answers
 * (checked at most once per {@code scheduled-reports.storage.s3.health-cache-ttl}). Turn it off with
 * {@code management.health.scheduledReportsStorage.enabled=false}.
 */
@AutoConfiguration(after = ScheduledReportsS3AutoConfiguration.class)
@ConditionalOnClass({S3ArtifactStore.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(S3ArtifactStore.class)
@ConditionalOnEnabledHealthIndicator("scheduledReportsStorage")
public final class ScheduledReportsS3HealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "scheduledReportsStorageHealthIndicator")
    HealthIndicator scheduledReportsStorageHealthIndicator(
            S3ArtifactStore store, ScheduledReportsS3Properties properties) {
        return new S3StorageHealthIndicator(store, properties.getHealthCacheTtl(), Clock.systemUTC());
    }
}
