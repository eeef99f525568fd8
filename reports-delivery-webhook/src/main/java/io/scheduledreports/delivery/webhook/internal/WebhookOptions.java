package io.scheduledreports.delivery.webhook.internal;

import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsValidationException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A webhook recipient's options, parsed and checked.
 *
 * @param signingSecret secret name of the signing key, or null
 * @param auth {@code none}, {@code bearer}, {@code basic} or {@code header}
 * @param authSecret secret name of the credential, or null
 * @param authHeader header name for {@code auth=header}
 * @param attachFile whether the file may go along (when small enough)
 */
public record WebhookOptions(
        String signingSecret, String auth, String authSecret, String authHeader, boolean attachFile) {

    /** The recipient options the channel knows. */
    public static final Set<String> NAMES =
            Set.of("signing_secret", "auth", "auth_secret", "auth_header", "attach_file");

    private static final Set<String> RESERVED_HEADERS = Set.of(
            "host",
            "content-length",
            "content-type",
            "connection",
            "transfer-encoding",
            "webhook-id",
            "webhook-timestamp",
            "webhook-signature",
            "user-agent");

    /** Parses and checks a recipient's options (not the secrets, see the channel). */
    public static WebhookOptions of(Recipient r, String defaultSigningSecret) {
        Map<String, String> o = r.options();
        for (String key : o.keySet()) {
            if (!NAMES.contains(key)) {
                throw new ReportsValidationException(
                        "recipients.options." + key,
                        "unknown webhook option; known: "
                                + NAMES.stream().sorted().toList());
            }
        }
        String auth = o.getOrDefault("auth", "none").toLowerCase(Locale.ROOT);
        if (!Set.of("none", "bearer", "basic", "header").contains(auth)) {
            throw new ReportsValidationException(
                    "recipients.options.auth", "must be none, bearer, basic or header, was '" + o.get("auth") + "'");
        }
        String authSecret = o.get("auth_secret");
        if (!auth.equals("none") && (authSecret == null || authSecret.isBlank())) {
            throw new ReportsValidationException("recipients.options.auth_secret", "required when auth is " + auth);
        }
        if (auth.equals("none") && authSecret != null) {
            throw new ReportsValidationException(
                    "recipients.options.auth_secret", "set auth (bearer, basic or header) to use it");
        }
        String header = o.getOrDefault("auth_header", "X-API-Key");
        if (!header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}")
                || RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
            throw new ReportsValidationException(
                    "recipients.options.auth_header",
                    "must be a header name other than the ones set by the channel, was '" + header + "'");
        }
        if (o.containsKey("auth_header") && !auth.equals("header")) {
            throw new ReportsValidationException("recipients.options.auth_header", "only used with auth=header");
        }
        String attach = o.getOrDefault("attach_file", "false");
        if (!attach.equals("true") && !attach.equals("false")) {
            throw new ReportsValidationException(
                    "recipients.options.attach_file", "must be true or false, was '" + attach + "'");
        }
        String signing = o.getOrDefault("signing_secret", defaultSigningSecret);
        return new WebhookOptions(signing, auth, authSecret, header, attach.equals("true"));
    }
}
