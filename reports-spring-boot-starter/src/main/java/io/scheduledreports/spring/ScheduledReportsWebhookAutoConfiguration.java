package io.scheduledreports.spring;

import io.scheduledreports.delivery.webhook.WebhookChannel;
import io.scheduledreports.spi.SecretResolver;
import io.scheduledreports.spring.internal.OutboundChannelSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The webhook channel ({@code reports-delivery-webhook} on the classpath), configured by
 * {@code scheduled-reports.webhook.*} with secrets from the {@link SecretResolver} bean. The engine picks it up
 * like any {@code DeliveryChannel} bean. Turn it off with {@code scheduled-reports.webhook.enabled=false}.
 */
@AutoConfiguration(
        before = ScheduledReportsAutoConfiguration.class,
        after = ScheduledReportsSecretsAutoConfiguration.class)
@ConditionalOnClass(WebhookChannel.class)
@ConditionalOnBooleanProperty(name = "scheduled-reports.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "scheduled-reports.webhook.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ScheduledReportsWebhookProperties.class)
public final class ScheduledReportsWebhookAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    WebhookChannel scheduledReportsWebhookChannel(
            ScheduledReportsWebhookProperties properties, SecretResolver secrets) {
        return WebhookChannel.create(OutboundChannelSettings.webhook(properties, secrets));
    }
}
