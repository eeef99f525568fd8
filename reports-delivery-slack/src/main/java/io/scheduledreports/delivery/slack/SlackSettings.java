package io.scheduledreports.delivery.slack;

import io.scheduledreports.delivery.http.OutboundHttp;
import io.scheduledreports.delivery.http.OutboundPolicy;
import io.scheduledreports.spi.SecretResolver;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Settings of the {@link SlackChannel}. Immutable; {@link #builder()}.
 *
 * @param apiBaseUrl base of the Web API methods (default {@code https://slack.com/api/}); tests point it at a
 *     local server
 * @param policy which URLs may be reached, the API and the upload URLs Slack hands out (default strict)
 * @param secrets resolves bot token names (default {@link SecretResolver#none()})
 * @param defaultBotToken name of the bot token secret of recipients without their own {@code bot_token}; null =
 *     every recipient must name one
 * @param maxFileSize files up to this size are uploaded into the channel; larger ones are linked; 0 = always link
 *     (default 10 MB)
 * @param connectTimeout connect timeout (default 10 s)
 * @param readTimeout longest silence while waiting for an answer (default 30 s)
 * @param callTimeout deadline of one API call or upload (default 2 min)
 * @param maxRetryAfter the longest rate-limit delay honoured (default 1 h)
 * @param sslContext the TLS context; null = the JVM's default
 * @param clock time source
 */
public record SlackSettings(
        URI apiBaseUrl,
        OutboundPolicy policy,
        SecretResolver secrets,
        String defaultBotToken,
        long maxFileSize,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        Duration maxRetryAfter,
        SSLContext sslContext,
        Clock clock) {

    /** Default {@code apiBaseUrl}. */
    public static final URI DEFAULT_API_BASE_URL = URI.create("https://slack.com/api/");
    /** Default {@code maxFileSize}: 10 MB. */
    public static final long DEFAULT_MAX_FILE_SIZE = 10L * 1024 * 1024;
    /** Default {@code callTimeout}: 2 min. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);
    /** Default {@code maxRetryAfter}: 1 h. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofHours(1);

    /** Validates; a base URL gets its trailing slash. */
    public SlackSettings {
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        if (!apiBaseUrl.isAbsolute() || apiBaseUrl.getHost() == null) {
            throw new IllegalArgumentException("apiBaseUrl: must be an absolute URL, was " + apiBaseUrl);
        }
        if (!apiBaseUrl.getPath().endsWith("/")) {
            apiBaseUrl = URI.create(apiBaseUrl + "/");
        }
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(clock, "clock");
        if (maxFileSize < 0) {
            throw new IllegalArgumentException("maxFileSize: must be >= 0, was " + maxFileSize);
        }
        if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter: must be >= 0, was " + maxRetryAfter);
        }
        OutboundHttp.builder(policy)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .callTimeout(callTimeout);
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: Slack's public API, a strict outbound policy, no secrets and no default bot token. */
    public static SlackSettings ofDefaults() {
        return builder().build();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return builder()
                .apiBaseUrl(apiBaseUrl)
                .policy(policy)
                .secrets(secrets)
                .defaultBotToken(defaultBotToken)
                .maxFileSize(maxFileSize)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .callTimeout(callTimeout)
                .maxRetryAfter(maxRetryAfter)
                .sslContext(sslContext)
                .clock(clock);
    }

    /** Builds {@link SlackSettings}. */
    public static final class Builder {
        private URI apiBaseUrl = DEFAULT_API_BASE_URL;
        private OutboundPolicy policy = OutboundPolicy.ofDefaults();
        private SecretResolver secrets = SecretResolver.none();
        private String defaultBotToken;
        private long maxFileSize = DEFAULT_MAX_FILE_SIZE;
        private Duration connectTimeout = OutboundHttp.DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = OutboundHttp.DEFAULT_READ_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
        private SSLContext sslContext;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** See {@link SlackSettings#apiBaseUrl()}. */
        public Builder apiBaseUrl(URI value) {
            this.apiBaseUrl = value;
            return this;
        }

        /** See {@link SlackSettings#policy()}. */
        public Builder policy(OutboundPolicy value) {
            this.policy = value;
            return this;
        }

        /** See {@link SlackSettings#secrets()}. */
        public Builder secrets(SecretResolver value) {
            this.secrets = value;
            return this;
        }

        /** See {@link SlackSettings#defaultBotToken()}. */
        public Builder defaultBotToken(String secretName) {
            this.defaultBotToken = secretName;
            return this;
        }

        /** See {@link SlackSettings#maxFileSize()}. */
        public Builder maxFileSize(long bytes) {
            this.maxFileSize = bytes;
            return this;
        }

        /** See {@link SlackSettings#connectTimeout()}. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /** See {@link SlackSettings#readTimeout()}. */
        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        /** See {@link SlackSettings#callTimeout()}. */
        public Builder callTimeout(Duration value) {
            this.callTimeout = value;
            return this;
        }

        /** See {@link SlackSettings#maxRetryAfter()}. */
        public Builder maxRetryAfter(Duration value) {
            this.maxRetryAfter = value;
            return this;
        }

        /** See {@link SlackSettings#sslContext()}. */
        public Builder sslContext(SSLContext value) {
            this.sslContext = value;
            return this;
        }

        /** See {@link SlackSettings#clock()}. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** The settings; validates. */
        public SlackSettings build() {
            return new SlackSettings(
                    apiBaseUrl,
                    policy,
                    secrets,
                    defaultBotToken,
                    maxFileSize,
                    connectTimeout,
                    readTimeout,
                    callTimeout,
                    maxRetryAfter,
                    sslContext,
                    clock);
        }
    }
}
