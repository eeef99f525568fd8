package io.scheduledreports.delivery.http;

import io.scheduledreports.delivery.http.internal.Http1Exchange;
import io.scheduledreports.spi.Durations;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;

/**
 * Sends HTTP/1.1 requests under an {@link OutboundPolicy}: the URI is vetted, the connection goes to a vetted
 * address (the host name is never resolved twice), TLS verifies the certificate against the host name (SNI
 * set), redirects are returned as responses and never followed, and the response body is capped.
 *
 * <p>Why not {@code java.net.http.HttpClient}: it resolves the host itself and offers no way to connect to a
 * given address while keeping {@code Host} right ({@code Host} is a restricted header unless a JVM-wide system
 * property allows it), so a DNS answer changed between the check and the connect (DNS rebinding) would slip
 * through. Here the socket is opened to the vetted address and TLS is layered on it with the original name.
 *
 * <p>One connection per request ({@code Connection: close}); report deliveries are few and large. Thread-safe;
 * {@link #close()} stops the deadline timer.
 */
public final class OutboundHttp implements AutoCloseable {

    /** Default connect timeout: 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default read timeout (silence between bytes): 30 s. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** Default deadline of a whole exchange, upload included: 5 min. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(5);
    /** Default cap of the response body kept: 64 KiB. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

    private final OutboundPolicy policy;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration callTimeout;
    private final int maxResponseBytes;
    private final SSLContext sslContext;
    private final String userAgent;
    private final ScheduledExecutorService timer;

    private OutboundHttp(Builder b) {
        this.policy = b.policy;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.callTimeout = b.callTimeout;
        this.maxResponseBytes = b.maxResponseBytes;
        this.userAgent = b.userAgent;
        try {
            this.sslContext = b.sslContext != null ? b.sslContext : SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scheduled-reports-http-deadline");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A builder.
     *
     * @param policy which URIs may be reached
     * @return the builder
     */
    public static Builder builder(OutboundPolicy policy) {
        return new Builder(policy);
    }

    /** The policy requests are vetted by. */
    public OutboundPolicy policy() {
        return policy;
    }

    /**
     * Vets and sends a request.
     *
     * @param request the request
     * @return the response (any status; 3xx are not followed)
     * @throws OutboundRefusedException when the policy refuses the URI or an address
     * @throws java.net.UnknownHostException when the host does not resolve
     * @throws java.net.SocketTimeoutException on a connect, read or call timeout
     * @throws IOException on other I/O failures (connection refused, TLS failures, ...)
     */
    public OutboundResponse send(OutboundRequest request) throws IOException {
        OutboundTarget target = policy.vet(request.uri());
        return new Http1Exchange(target, request, sslContext, userAgent, maxResponseBytes)
                .run(connectTimeout, readTimeout, callTimeout, timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Builds an {@link OutboundHttp}; setters validate on the spot. */
    public static final class Builder {
        private final OutboundPolicy policy;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private SSLContext sslContext;
        private String userAgent = "scheduled-reports";

        private Builder(OutboundPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        /** Connect timeout, 1 ms to 10 min (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = check("connectTimeout", timeout);
            return this;
        }

        /** Read timeout: the longest silence while waiting for the response, 1 ms to 10 min (default 30 s). */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = check("readTimeout", timeout);
            return this;
        }

        /** Deadline of a whole exchange, 1 ms to 10 min (default 5 min). */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = check("callTimeout", timeout);
            return this;
        }

        /** How much of a response body is kept, 1 B to 16 MiB (default 64 KiB); the rest is not read. */
        public Builder maxResponseBytes(int bytes) {
            if (bytes < 1 || bytes > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("maxResponseBytes: must be 1-16777216, was " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /** The TLS context (default: the JVM's, with its trust store). */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "sslContext");
            return this;
        }

        /** The {@code User-Agent} (default {@code scheduled-reports}). */
        public Builder userAgent(String agent) {
            if (agent == null || agent.isBlank() || agent.chars().anyMatch(c -> c < ' ')) {
                throw new IllegalArgumentException("userAgent: must be non-blank printable text, was '" + agent + "'");
            }
            this.userAgent = agent;
            return this;
        }

        /** The client. */
        public OutboundHttp build() {
            return new OutboundHttp(this);
        }

        private static Duration check(String name, Duration d) {
            if (d == null || d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException(name + ": must be 1ms-10m, was " + Durations.format(d));
            }
            return d;
        }
    }
}
