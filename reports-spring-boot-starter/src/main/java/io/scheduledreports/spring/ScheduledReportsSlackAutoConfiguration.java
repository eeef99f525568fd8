package io.scheduledreports.spring;

import io.scheduledreports.delivery.slack.SlackChannel;
import io.scheduledreports.spi.SecretResolver;
import io.scheduledreports.spring.internal.OutboundChannelSettings;
import io.scheduledreports.spring.internal.actuate.SlackHealthIndicator;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Slack channel ({@code reports-delivery-slack} on the classpath), configured by
 * {@code scheduled-reports.slack.*} with the bot token from the {@link SecretResolver} bean, and its health
 * ({@code scheduledReportsSlack}: {@code auth.test}, cached for {@code health-cache-duration}) when Actuator is
 * present and a default bot token is set. Turn it off with {@code scheduled-reports.slack.enabled=false}.
 */
@AutoConfiguration(
        before = ScheduledReportsAutoConfiguration.class,
        after = ScheduledReportsSecretsAutoConfiguration.class)
@ConditionalOnClass(SlackChannel.class)
@ConditionalOnBooleanProperty(name = "scheduled-reports.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "scheduled-reports.slack.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ScheduledReportsSlackProperties.class)
public final class ScheduledReportsSlackAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SlackChannel scheduledReportsSlackChannel(ScheduledReportsSlackProperties properties, SecretResolver secrets) {
        return SlackChannel.create(OutboundChannelSettings.slack(properties, secrets));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnProperty(prefix = "scheduled-reports.slack", name = "default-bot-token")
    @ConditionalOnBooleanProperty(name = "management.health.scheduled-reports-slack.enabled", matchIfMissing = true)
    static class SlackHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "scheduledReportsSlackHealthIndicator")
        SlackHealthIndicator scheduledReportsSlackHealthIndicator(
                SlackChannel channel, ScheduledReportsSlackProperties properties) {
            return new SlackHealthIndicator(channel, properties.getHealthCacheDuration(), Clock.systemUTC());
        }
    }
}
