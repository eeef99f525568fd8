package io.scheduledreports.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the webhook channel ({@code scheduled-reports.webhook.*}), used when
 * {@code reports-delivery-webhook} is on the classpath. Defaults equal {@code WebhookSettings}'s; a test keeps
 * them in step.
 */
@ConfigurationProperties("scheduled-reports.webhook")
public class ScheduledReportsWebhookProperties {

    /** Whether the webhook channel is auto-configured. */
    private boolean enabled = true;

    /**
     * Hosts or CIDR blocks webhooks may reach although the SSRF guard refuses their addresses (loopback, private,
     * link-local, ...), e.g. "hooks.internal.example.com" or "10.20.0.0/16".
     */
    private List<String> allow = new ArrayList<>();

    /** Whether plain http URLs are accepted (their addresses are checked all the same). */
    private boolean allowPlainHttp = false;

    /** Connect timeout. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** Maximum silence while waiting for the receiver's answer. */
    private Duration readTimeout = Duration.ofSeconds(30);

    /** Deadline of one request, file upload included. */
    private Duration callTimeout = Duration.ofMinutes(2);

    /** Maximum size of a file sent along (multipart) to recipients with attach_file=true; 0 = never. */
    private DataSize maxFileSize = DataSize.ofBytes(0);

    /** Maximum Retry-After honoured; longer answers are cut to this. */
    private Duration maxRetryAfter = Duration.ofHours(1);

    /** Maximum length of a receiver's error answer kept in the delivery's error message (16B-64KB). */
    private DataSize maxErrorBody = DataSize.ofKilobytes(1);

    /** Name of the secret that signs requests of recipients without their own signing_secret; none = unsigned. */
    private String defaultSigningSecret;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
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

    public DataSize getMaxFileSize() {
        return maxFileSize;
    }

    public void setMaxFileSize(DataSize maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    public Duration getMaxRetryAfter() {
        return maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    public DataSize getMaxErrorBody() {
        return maxErrorBody;
    }

    public void setMaxErrorBody(DataSize maxErrorBody) {
        this.maxErrorBody = maxErrorBody;
    }

    public String getDefaultSigningSecret() {
        return defaultSigningSecret;
    }

    public void setDefaultSigningSecret(String defaultSigningSecret) {
        this.defaultSigningSecret = defaultSigningSecret;
    }
}
