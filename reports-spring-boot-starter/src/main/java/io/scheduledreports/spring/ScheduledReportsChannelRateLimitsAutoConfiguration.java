package io.scheduledreports.spring;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.limits.ChannelRateLimit;
import io.scheduledreports.spi.ReportsValidationException;
import io.scheduledreports.spring.internal.InvalidPropertyException;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Applies {@code scheduled-reports.channel-rate-limits.<channel>.*} to the builder through a
 * {@link ScheduledReportsBuilderCustomizer}; an unknown channel or a bad value stops the start naming the property.
 */
@AutoConfiguration(before = ScheduledReportsAutoConfiguration.class)
@ConditionalOnClass(ScheduledReports.class)
@EnableConfigurationProperties(ScheduledReportsChannelRateLimitProperties.class)
public final class ScheduledReportsChannelRateLimitsAutoConfiguration {

    @Bean
    ScheduledReportsBuilderCustomizer scheduledReportsChannelRateLimits(
            ScheduledReportsChannelRateLimitProperties properties) {
        Map<String, ChannelRateLimit> limits = limits(properties);
        return builder -> limits.forEach(builder::channelRateLimit);
    }

    static Map<String, ChannelRateLimit> limits(ScheduledReportsChannelRateLimitProperties properties) {
        Map<String, ChannelRateLimit> limits = new java.util.LinkedHashMap<>();
        properties.getChannelRateLimits().forEach((channel, limit) -> {
            String property = "scheduled-reports.channel-rate-limits." + channel;
            try {
                limits.put(channel, new ChannelRateLimit(limit.getMaxSends(), limit.getWindow()));
            } catch (ReportsValidationException e) {
                String name = e.field().endsWith("maxSends") ? ".max-sends" : ".window";
                String message = e.getMessage().substring(e.field().length() + 2);
                throw new InvalidPropertyException(property + name, message, e);
            }
        });
        return limits;
    }
}
