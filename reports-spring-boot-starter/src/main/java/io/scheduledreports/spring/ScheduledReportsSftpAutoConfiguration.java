package io.scheduledreports.spring;

import io.scheduledreports.delivery.sftp.SftpChannel;
import io.scheduledreports.delivery.sftp.SftpConnection;
import io.scheduledreports.delivery.sftp.SftpSettings;
import io.scheduledreports.spi.ReportsValidationException;
import io.scheduledreports.spi.SecretResolver;
import io.scheduledreports.spring.internal.InvalidPropertyException;
import io.scheduledreports.spring.internal.actuate.SftpConnectionsHealth;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The SFTP channel, when {@code reports-delivery-sftp} is on the classpath and
 * {@code scheduled-reports.sftp.connections.*} names at least one connection; the main auto-configuration picks
 * the {@link SftpChannel} bean up like any other channel. Secrets resolve through the host's
 * {@link SecretResolver} bean, or without one through the properties {@code scheduled-reports.secrets.<name>}
 * (environment variables {@code SCHEDULED_REPORTS_SECRETS_<NAME>} by Spring's relaxed binding). With Actuator, each
 * connection's login is a health component {@code sftp}, checked at most once per
 * {@code scheduled-reports.sftp.health-cache-ttl}.
 */
@AutoConfiguration(before = ScheduledReportsAutoConfiguration.class)
@ConditionalOnClass(SftpChannel.class)
@ConditionalOnBooleanProperty(name = "scheduled-reports.sftp.enabled", matchIfMissing = true)
@Conditional(ScheduledReportsSftpAutoConfiguration.OnSftpConnectionsCondition.class)
@EnableConfigurationProperties(ScheduledReportsSftpProperties.class)
public final class ScheduledReportsSftpAutoConfiguration {

    static final String PREFIX = "scheduled-reports.sftp.";

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SftpChannel scheduledReportsSftpChannel(
            ScheduledReportsSftpProperties properties,
            ObjectProvider<SecretResolver> secrets,
            Environment environment) {
        return SftpChannel.create(settings(properties, secrets.getIfUnique(() -> propertySecrets(environment))));
    }

    /** Secrets from {@code scheduled-reports.secrets.<name>} properties (any property source). */
    static SecretResolver propertySecrets(Environment environment) {
        return name -> name == null || name.isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(environment.getProperty("scheduled-reports.secrets." + name))
                        .filter(v -> !v.isEmpty());
    }

    /** The channel's settings from the properties; a bad value names its property. */
    static SftpSettings settings(ScheduledReportsSftpProperties p, SecretResolver secrets) {
        SftpSettings.Builder builder = SftpSettings.builder().secrets(secrets);
        apply(PREFIX + "connect-timeout", p.getConnectTimeout(), builder::connectTimeout);
        apply(PREFIX + "auth-timeout", p.getAuthTimeout(), builder::authTimeout);
        apply(PREFIX + "io-timeout", p.getIoTimeout(), builder::ioTimeout);
        for (Map.Entry<String, ScheduledReportsSftpProperties.Connection> e :
                p.getConnections().entrySet()) {
            ScheduledReportsSftpProperties.Connection c = e.getValue();
            try {
                builder.connection(new SftpConnection(
                        e.getKey(),
                        c.getHost(),
                        c.getPort(),
                        c.getUsername(),
                        c.getPasswordSecret(),
                        c.getPrivateKeySecret(),
                        c.getPrivateKeyPassphraseSecret(),
                        c.getHostKey()));
            } catch (ReportsValidationException ex) {
                throw invalid("scheduled-reports." + ex.field(), ex);
            }
        }
        return builder.build();
    }

    private static <T> void apply(String property, T value, Consumer<T> setter) {
        try {
            setter.accept(value);
        } catch (ReportsValidationException ex) {
            throw invalid(property, ex);
        }
    }

    private static InvalidPropertyException invalid(String property, ReportsValidationException ex) {
        String message = ex.getMessage();
        String prefix = ex.field() + ": ";
        String problem = message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        return new InvalidPropertyException(property, problem, ex);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = {
                "org.springframework.boot.health.contributor.HealthContributor",
                "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator"
            })
    @ConditionalOnBean(SftpChannel.class)
    @org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator("sftp")
    static class SftpHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "sftpHealthContributor")
        HealthContributor sftpHealthContributor(SftpChannel channel, ScheduledReportsSftpProperties properties) {
            Duration ttl = properties.getHealthCacheTtl();
            return SftpConnectionsHealth.contributor(channel, ttl, System::nanoTime);
        }
    }

    /** Matches when at least one {@code scheduled-reports.sftp.connections.<name>} is configured. */
    static final class OnSftpConnectionsCondition extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            boolean any = Binder.get(context.getEnvironment())
                    .bind("scheduled-reports.sftp.connections", Bindable.mapOf(String.class, Object.class))
                    .map(m -> !m.isEmpty())
                    .orElse(false);
            return any
                    ? ConditionOutcome.match("SFTP connections are configured")
                    : ConditionOutcome.noMatch("no scheduled-reports.sftp.connections.* configured");
        }
    }
}
