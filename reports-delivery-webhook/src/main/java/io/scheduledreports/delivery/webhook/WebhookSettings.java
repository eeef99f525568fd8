package io.scheduledreports.delivery.webhook;

import io.scheduledreports.delivery.http.OutboundHttp;
import io.scheduledreports.delivery.http.OutboundPolicy;
import io.scheduledreports.spi.SecretResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Settings of the {@link WebhookChannel}. Immutable; {@link #builder()} or {@link #ofDefaults()}.
 *
 * @param policy which URLs may be reached (the SSRF guard; default {@link OutboundPolicy#ofDefaults()})
 * @param secrets resolves the secret names recipients refer to (default {@link SecretResolver#none()})
 * @param connectTimeout connect timeout (default 10 s)
 * @param readTimeout longest silence while waiting for the answer (default 30 s)
 * @param callTimeout deadline of one request, upload included (default 2 min)
 * @param maxFileSize files up to this size are sent along (multipart) when a recipient asks for it with
 *     {@code attach_file=true}; 0 = never (default 0: links only)
 * @param maxRetryAfter the longest {@code Retry-After} honoured; longer answers are cut to this (default 1 h)
 * @param maxErrorBody how much of an error answer goes into the delivery's error message (default 1 KiB)
 * @param defaultSigningSecret name of the secret that signs requests of recipients without their own
 *     {@code signing_secret}; null = such requests are not signed
 * @param sslContext the TLS context; null = the JVM's default
 * @param clock time source of {@code webhook-timestamp} and the event's {@code timestamp}
 */
public record WebhookSettings(
        OutboundPolicy policy,
        SecretResolver secrets,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        long maxFileSize,
        Duration maxRetryAfter,
        int maxErrorBody,
        String defaultSigningSecret,
        SSLContext sslContext,
        Clock clock) {

    /** Default {@code callTimeout}: 2 min. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);
    /** Default {@code maxRetryAfter}: 1 h. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofHours(1);
    /** Default {@code maxErrorBody}: 1 KiB. */
    public static final int DEFAULT_MAX_ERROR_BODY = 1024;

    /** Validates. */
    public WebhookSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(clock, "clock");
        if (maxFileSize < 0) {
            throw new IllegalArgumentException("maxFileSize: must be >= 0, was " + maxFileSize);
        }
        if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter: must be >= 0, was " + maxRetryAfter);
        }
        if (maxErrorBody < 16 || maxErrorBody > 64 * 1024) {
            throw new IllegalArgumentException("maxErrorBody: must be 16-65536, was " + maxErrorBody);
        }
        // the HTTP client validates the timeouts the same way; fail here, at configuration time
        OutboundHttp.builder(policy)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .callTimeout(callTimeout);
    }

    /** All defaults: strict policy, no secrets, links only. */
    public static WebhookSettings ofDefaults() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return builder()
                .policy(policy)
                .secrets(secrets)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .callTimeout(callTimeout)
                .maxFileSize(maxFileSize)
                .maxRetryAfter(maxRetryAfter)
                .maxErrorBody(maxErrorBody)
                .defaultSigningSecret(defaultSigningSecret)
                .sslContext(sslContext)
                .clock(clock);
    }

    /** Builds {@link WebhookSettings}. */
    public static final class Builder {
        private OutboundPolicy policy = OutboundPolicy.ofDefaults();
        private SecretResolver secrets = SecretResolver.none();
        private Duration connectTimeout = OutboundHttp.DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = OutboundHttp.DEFAULT_READ_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private long maxFileSize;
        private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
        private int maxErrorBody = DEFAULT_MAX_ERROR_BODY;
        private String defaultSigningSecret;
        private SSLContext sslContext;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** See {@link WebhookSettings#policy()}. */
        public Builder policy(OutboundPolicy value) {
            this.policy = Objects.requireNonNull(value, "policy");
            return this;
        }

        /** See {@link WebhookSettings#secrets()}. */
        public Builder secrets(SecretResolver value) {
            this.secrets = Objects.requireNonNull(value, "secrets");
            return this;
        }

        /** See {@link WebhookSettings#connectTimeout()}. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /** See {@link WebhookSettings#readTimeout()}. */
        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        /** See {@link WebhookSettings#callTimeout()}. */
        public Builder callTimeout(Duration value) {
            this.callTimeout = value;
            return this;
        }

        /** See {@link WebhookSettings#maxFileSize()}. */
        public Builder maxFileSize(long bytes) {
            this.maxFileSize = bytes;
            return this;
        }

        /** See {@link WebhookSettings#maxRetryAfter()}. */
        public Builder maxRetryAfter(Duration value) {
            this.maxRetryAfter = value;
            return this;
        }

        /** See {@link WebhookSettings#maxErrorBody()}. */
        public Builder maxErrorBody(int bytes) {
            this.maxErrorBody = bytes;
            return this;
        }

        /** See {@link WebhookSettings#defaultSigningSecret()}. */
        public Builder defaultSigningSecret(String secretName) {
            this.defaultSigningSecret = secretName;
            return this;
        }

        /** See {@link WebhookSettings#sslContext()}. */
        public Builder sslContext(SSLContext value) {
            this.sslContext = value;
            return this;
        }

        /** See {@link WebhookSettings#clock()}. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** The settings; validates. */
        public WebhookSettings build() {
            return new WebhookSettings(
                    policy,
                    secrets,
                    connectTimeout,
                    readTimeout,
                    callTimeout,
                    maxFileSize,
                    maxRetryAfter,
                    maxErrorBody,
                    defaultSigningSecret,
                    sslContext,
                    clock);
        }
    }
}
