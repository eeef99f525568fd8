package io.scheduledreports.spring;

import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spi.SecretResolver;
import io.scheduledreports.spring.internal.s3.S3StorageFactory;
import io.scheduledreports.storage.s3.S3ArtifactStore;
import io.scheduledreports.storage.s3.S3DeliveryChannel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * S3-compatible storage when {@code reports-storage-s3} is on the classpath: an {@link S3ArtifactStore} when
 * {@code scheduled-reports.storage.s3.bucket} is set (checked at start-up; a host's own {@link ArtifactStore}
 * bean wins), and the {@code s3} delivery channel when
 * {@code scheduled-reports.storage.s3.channel.connections.*} names a connection.
 */
@AutoConfiguration(before = ScheduledReportsAutoConfiguration.class)
@ConditionalOnClass(S3ArtifactStore.class)
@ConditionalOnBooleanProperty(name = "scheduled-reports.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ScheduledReportsS3Properties.class)
public final class ScheduledReportsS3AutoConfiguration {

    /** The store, when a bucket is configured. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "scheduled-reports.storage.s3.bucket")
    static class StoreConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(ArtifactStore.class)
        S3ArtifactStore scheduledReportsS3ArtifactStore(ScheduledReportsS3Properties properties) {
            return S3StorageFactory.store(properties);
        }
    }

    /** The s3 delivery channel, when a connection is configured. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(OnChannelConnections.class)
    static class ChannelConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        S3DeliveryChannel scheduledReportsS3DeliveryChannel(
                ScheduledReportsS3Properties properties, ObjectProvider<SecretResolver> secrets) {
            return S3StorageFactory.channel(properties, secrets.getIfUnique(SecretResolver::none));
        }
    }

    static final class OnChannelConnections extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            boolean any = Binder.get(context.getEnvironment())
                    .bind(
                            "scheduled-reports.storage.s3.channel.connections",
                            Bindable.mapOf(String.class, ScheduledReportsS3Properties.Connection.class))
                    .map(m -> !m.isEmpty())
                    .orElse(false);
            return any
                    ? ConditionOutcome.match("s3 channel connections configured")
                    : ConditionOutcome.noMatch("no scheduled-reports.storage.s3.channel.connections");
        }
    }
}
