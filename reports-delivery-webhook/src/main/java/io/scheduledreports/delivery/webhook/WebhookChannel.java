package io.scheduledreports.delivery.webhook;

import io.scheduledreports.delivery.http.Multipart;
import io.scheduledreports.delivery.http.OutboundFailures;
import io.scheduledreports.delivery.http.OutboundHttp;
import io.scheduledreports.delivery.http.OutboundRefusedException;
import io.scheduledreports.delivery.http.OutboundRequest;
import io.scheduledreports.delivery.http.OutboundResponse;
import io.scheduledreports.delivery.http.RequestBody;
import io.scheduledreports.delivery.webhook.internal.WebhookEvent;
import io.scheduledreports.delivery.webhook.internal.WebhookOptions;
import io.scheduledreports.spi.Artifact;
import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.DeliveryChannel;
import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsException;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * The {@code webhook} channel: POSTs a JSON event about each generated report to the recipient's URL.
 *
 * <p>Recipient destination: an {@code https} URL (plain {@code http} only if the policy allows it). Options:
 * <ul>
 *   <li>{@code signing_secret}: name of a Standard Webhooks secret ({@code whsec_<base64>}); the request carries
 *       {@code webhook-id} (the delivery's idempotency key, the same on every retry), {@code webhook-timestamp}
 *       and {@code webhook-signature}. Defaults to {@link WebhookSettings#defaultSigningSecret()}.
 *   <li>{@code auth} = {@code bearer} | {@code basic} | {@code header} with {@code auth_secret} (a secret name;
 *       for basic its value is {@code user:password}) and, for {@code header}, {@code auth_header} (default
 *       {@code X-API-Key}).
 *   <li>{@code attach_file} = {@code true}: files up to {@link WebhookSettings#maxFileSize()} go along as
 *       {@code multipart/form-data} (parts {@code event} and {@code file}).
 * </ul>
 * Every secret name must resolve when the schedule is created. Outcome: 2xx sent; 408, 429 and 5xx retried
 * (honouring {@code Retry-After}); 401/403/404/410 and redirects CONFIGURATION; other 4xx DATA. Thread-safe; close
 * it on shutdown.
 */
public final class WebhookChannel implements DeliveryChannel, AutoCloseable {

    /** The channel id. */
    public static final String ID = "webhook";

    private static final int MAX_URL_LENGTH = 2048;

    private final WebhookSettings settings;
    private final OutboundHttp http;

    private WebhookChannel(WebhookSettings settings) {
        this.settings = settings;
        OutboundHttp.Builder b = OutboundHttp.builder(settings.policy())
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                .maxResponseBytes(settings.maxErrorBody())
                .userAgent("scheduled-reports-webhook");
        if (settings.sslContext() != null) {
            b.sslContext(settings.sslContext());
        }
        this.http = b.build();
    }

    /**
     * A channel with these settings.
     *
     * @param settings the settings
     * @return the channel
     */
    public static WebhookChannel create(WebhookSettings settings) {
        return new WebhookChannel(Objects.requireNonNull(settings, "settings"));
    }

    @Override
    public String id() {
        return ID;
    }

    /** The settings. */
    public WebhookSettings settings() {
        return settings;
    }

    @Override
    public void validateRecipient(Recipient recipient) {
        URI uri = parse(recipient.destination());
        try {
            settings.policy().checkSyntax(uri);
        } catch (OutboundRefusedException e) {
            throw new ReportsValidationException("recipients.destination", e.getMessage());
        }
        WebhookOptions options = WebhookOptions.of(recipient, settings.defaultSigningSecret());
        if (options.signingSecret() != null) {
            String field = recipient.options().containsKey("signing_secret")
                    ? "recipients.options.signing_secret"
                    : "recipients.destination";
            String value = resolve(field, options.signingSecret());
            try {
                WebhookSigner.fromSecret(value);
            } catch (IllegalArgumentException e) {
                throw new ReportsValidationException(
                        field, "secret '" + options.signingSecret() + "' " + e.getMessage());
            }
        }
        if (options.authSecret() != null) {
            String value = resolve("recipients.options.auth_secret", options.authSecret());
            if (options.auth().equals("basic") && value.indexOf(':') < 0) {
                throw new ReportsValidationException(
                        "recipients.options.auth_secret",
                        "secret '" + options.authSecret() + "' must be user:password for basic auth");
            }
            if (value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new ReportsValidationException(
                        "recipients.options.auth_secret",
                        "secret '" + options.authSecret() + "' must not contain line breaks");
            }
        }
    }

    /**
     * Counts sends per destination host under a channel rate limit, so one slow receiver does not hold back the
     * others: the URL's host in lower case, followed by {@code :port} when the URL names a port other than its
     * scheme's default (443 for https, 80 for http). {@code https://Hooks.Example.com/a} and
     * {@code https://hooks.example.com:443/b} share the key {@code hooks.example.com}; {@code
     * https://hooks.example.com:8443/} is {@code hooks.example.com:8443}.
     */
    @Override
    public String rateKey(Recipient recipient) {
        URI uri = parse(recipient.destination());
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = scheme.equals("http") ? 80 : 443;
        return port < 0 || port == defaultPort ? host : host + ":" + port;
    }

    @Override
    public DeliveryResult deliver(Delivery delivery) throws IOException {
        Recipient recipient = delivery.recipient();
        URI uri = parse(recipient.destination());
        WebhookOptions options = WebhookOptions.of(recipient, settings.defaultSigningSecret());
        String where = "webhook to " + uri.getHost();
        Artifact artifact = delivery.artifact();
        boolean attach =
                options.attachFile() && settings.maxFileSize() > 0 && artifact.size() <= settings.maxFileSize();
        Instant now = settings.clock().instant();
        byte[] event = WebhookEvent.json(delivery, now, attach);
        RequestBody body = attach
                ? Multipart.builder()
                        .part("event", null, RequestBody.ofBytes("application/json", event))
                        .part(
                                "file",
                                artifact.fileName(),
                                RequestBody.ofStream(artifact.mediaType(), artifact.size(), artifact::open))
                        .build()
                : RequestBody.ofBytes("application/json", event);

        OutboundRequest request = OutboundRequest.post(uri, body).withHeader("webhook-id", delivery.idempotencyKey());
        long timestamp = now.getEpochSecond();
        request = request.withHeader("webhook-timestamp", Long.toString(timestamp));
        if (options.signingSecret() != null) {
            WebhookSigner signer;
            try {
                signer = WebhookSigner.fromSecret(secret(options.signingSecret()));
            } catch (IllegalArgumentException e) {
                throw new ReportsException(
                        ErrorCategory.CONFIGURATION,
                        "signing secret '" + options.signingSecret() + "' " + e.getMessage());
            }
            Mac mac = signer.start(delivery.idempotencyKey(), timestamp);
            body.writeTo(new MacStream(mac)); // a streamed file is read twice: once to sign, once to send
            request = request.withHeader("webhook-signature", WebhookSigner.signature(mac));
        }
        request = withAuth(request, options);

        OutboundResponse response;
        try {
            response = http.send(request);
        } catch (OutboundRefusedException e) {
            throw e;
        } catch (IOException e) {
            throw OutboundFailures.classify(where, e);
        }
        return outcome(where, response);
    }

    private DeliveryResult outcome(String where, OutboundResponse response) {
        int status = response.status();
        if (response.isSuccess()) {
            return DeliveryResult.sent("HTTP " + status);
        }
        String message = where + " answered " + status + bodyPart(response);
        if (status == 408 || status == 429 || status >= 500) {
            throw OutboundFailures.retryable(
                    message, response.retryAfter(settings.clock().instant()).orElse(null), settings.maxRetryAfter());
        }
        if (status >= 300 && status < 400) {
            return DeliveryResult.failed(
                    ErrorCategory.CONFIGURATION,
                    where + " answered " + status + " (redirects are not followed; use the final URL"
                            + response.header("location").map(l -> ", " + l).orElse("") + ")");
        }
        if (status == 401 || status == 403 || status == 404 || status == 410) {
            return DeliveryResult.failed(ErrorCategory.CONFIGURATION, message);
        }
        return DeliveryResult.failed(ErrorCategory.DATA, message);
    }

    private String bodyPart(OutboundResponse response) {
        String excerpt = response.bodyExcerpt(settings.maxErrorBody());
        return excerpt.isEmpty() ? "" : ": " + excerpt;
    }

    private OutboundRequest withAuth(OutboundRequest request, WebhookOptions options) {
        return switch (options.auth()) {
            case "bearer" -> request.withHeader("Authorization", "Bearer " + secret(options.authSecret()));
            case "basic" ->
                request.withHeader(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                secret(options.authSecret()).getBytes(StandardCharsets.UTF_8)));
            case "header" -> request.withHeader(options.authHeader(), secret(options.authSecret()));
            default -> request;
        };
    }

    private String secret(String name) {
        return settings.secrets()
                .resolve(name)
                .orElseThrow(() -> new ReportsException(
                        ErrorCategory.CONFIGURATION,
                        "secret '" + name + "' is no longer known to the secret resolver"));
    }

    private String resolve(String field, String name) {
        return settings.secrets()
                .resolve(name)
                .orElseThrow(() -> new ReportsValidationException(
                        field, "unknown secret '" + name + "'; configure it in the host's secret resolver"));
    }

    private static URI parse(String destination) {
        if (destination.length() > MAX_URL_LENGTH) {
            throw new ReportsValidationException(
                    "recipients.destination",
                    "must be at most " + MAX_URL_LENGTH + " characters, was " + destination.length());
        }
        URI uri;
        try {
            uri = new URI(destination);
        } catch (URISyntaxException e) {
            throw new ReportsValidationException(
                    "recipients.destination", "must be an https URL, was '" + destination + "'", e);
        }
        if (uri.getHost() == null || uri.getRawFragment() != null) {
            throw new ReportsValidationException(
                    "recipients.destination",
                    "must be an https URL with a host and no fragment, was '" + destination + "'");
        }
        return uri;
    }

    @Override
    public void close() {
        http.close();
    }

    /** Feeds written bytes into a MAC. */
    private static final class MacStream extends OutputStream {
        private final Mac mac;

        MacStream(Mac mac) {
            this.mac = mac;
        }

        @Override
        public void write(int b) {
            mac.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            mac.update(b, off, len);
        }
    }
}
