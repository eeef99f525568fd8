package io.scheduledreports.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-channel send rate limits ({@code scheduled-reports.channel-rate-limits.<channel>.*}), cluster-wide; see
 * {@code ScheduledReports.Builder.channelRateLimit}. Deliveries beyond a limit wait for their turn (not failed, no
 * attempt used) and go out in order.
 *
 * <pre>
 * scheduled-reports.channel-rate-limits.webhook.max-sends=100
 * scheduled-reports.channel-rate-limits.webhook.window=1m
 * </pre>
 */
@ConfigurationProperties("scheduled-reports")
public class ScheduledReportsChannelRateLimitProperties {

    /** Send rate limits by channel id; channels not listed are unlimited. */
    private Map<String, Limit> channelRateLimits = new LinkedHashMap<>();

    public Map<String, Limit> getChannelRateLimits() {
        return channelRateLimits;
    }

    public void setChannelRateLimits(Map<String, Limit> channelRateLimits) {
        this.channelRateLimits = channelRateLimits;
    }

    /** One channel's limit. */
    public static class Limit {

        /** Maximum sends per window, per rate key of the channel (1-1000000). */
        private int maxSends;

        /** The window the maximum applies to (1s to 1d). */
        private Duration window = Duration.ofMinutes(1);

        public int getMaxSends() {
            return maxSends;
        }

        public void setMaxSends(int maxSends) {
            this.maxSends = maxSends;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }
    }
}
