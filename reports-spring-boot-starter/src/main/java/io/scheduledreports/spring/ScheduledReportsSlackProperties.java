package io.scheduledreports.spring;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the Slack channel ({@code scheduled-reports.slack.*}), used when
 * {@code reports-delivery-slack} is on the classpath. Defaults equal {@code SlackSettings}'s; a test keeps them in
 * step.
 */
@ConfigurationProperties("scheduled-reports.slack")
public class ScheduledReportsSlackProperties {

    /** Whether the Slack channel is auto-configured. */
    private boolean enabled = true;

    /** Base URL of the Slack Web API methods. */
    private URI apiBaseUrl = URI.create("https://slack.com/api/");

    /** Name of the secret holding the bot token of recipients without their own bot_token option. */
    private String defaultBotToken;

    /** Maximum size of a file uploaded into the channel; larger files are linked; 0 = always link. */
    private DataSize maxFileSize = DataSize.ofMegabytes(10);

    /** Hosts or CIDR blocks the SSRF guard lets through (for a Slack-compatible API inside the network). */
    private List<String> allow = new ArrayList<>();

    /** Whether a plain http API base URL is accepted. */
    private boolean allowPlainHttp = false;

    /** Connect timeout. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** Maximum silence while waiting for Slack's answer. */
    private Duration readTimeout = Duration.ofSeconds(30);

    /** Deadline of one API call or upload. */
    private Duration callTimeout = Duration.ofMinutes(2);

    /** Maximum rate-limit delay honoured. */
    private Duration maxRetryAfter = Duration.ofHours(1);

    /** How long the health indicator's auth.test result is reused. */
    private Duration healthCacheDuration = Duration.ofMinutes(1);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public URI getApiBaseUrl() {
        return apiBaseUrl;
    }

    public void setApiBaseUrl(URI apiBaseUrl) {
        this.apiBaseUrl = apiBaseUrl;
    }

    public String getDefaultBotToken() {
        return defaultBotToken;
    }

    public void setDefaultBotToken(String defaultBotToken) {
        this.defaultBotToken = defaultBotToken;
    }

    public DataSize getMaxFileSize() {
        return maxFileSize;
    }

    public void setMaxFileSize(DataSize maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    public List<String> getAllow() {
        return allow;
    }

    public void setAllow(List<String> allow) {
        this.allow = allow;
    }

    public boolean isAllowPlainHttp() {
        return allowPlainHttp;
    }

    public void setAllowPlainHttp(boolean allowPlainHttp) {
        this.allowPlainHttp = allowPlainHttp;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    public Duration getMaxRetryAfter() {
        return maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    public Duration getHealthCacheDuration() {
        return healthCacheDuration;
    }

    public void setHealthCacheDuration(Duration healthCacheDuration) {
        this.healthCacheDuration = healthCacheDuration;
    }
}
