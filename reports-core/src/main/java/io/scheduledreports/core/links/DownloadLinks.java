package io.scheduledreports.core.links;

import io.scheduledreports.core.links.InvalidDownloadTokenException.Reason;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies the tokens of expiring download links. Thread-safe; time is always passed in, so tests
 * move it instead of sleeping.
 *
 * <p>A token is {@code base64url(payload) "." base64url(HMAC-SHA256(key, payload))}, URL-safe base64 without
 * padding. The payload holds a format version, the id of the signing key, the execution id, the tenant id
 * and the expiry in epoch seconds, each length-prefixed so no two different values produce the same bytes.
 * It is signed, not encrypted: ids in a token are readable by whoever holds the link, the secret keys are not.
 *
 * <p>{@link #link} appends the token to a base URL as a query parameter ({@code ?token=...}, or
 * {@code &token=...} when the base URL already has a query), so the base URL may point at any endpoint the
 * host maps, e.g. {@code https://reports.example.com/api/v1/downloads}.
 */
public final class DownloadLinks {

    /** Longest token {@link #verify} will look at; longer input is {@link Reason#MALFORMED}. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    /** Longest execution or tenant id that can be signed, in UTF-8 bytes. */
    public static final int MAX_ID_BYTES = 1024;

    private static final byte VERSION = 1;
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final DownloadLinkConfig config;

    private DownloadLinks(DownloadLinkConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Links signed and checked with {@code config}. */
    public static DownloadLinks create(DownloadLinkConfig config) {
        return new DownloadLinks(config);
    }

    /** The configuration in use. */
    public DownloadLinkConfig config() {
        return config;
    }

    /** When a link issued at {@code now} expires: {@code now} plus the validity, in whole seconds. */
    public Instant expiresAt(Instant now) {
        return Objects.requireNonNull(now, "now").plus(config.validity()).truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * When a link issued at {@code now} for a file kept until {@code notAfter} expires: the earlier of the two,
     * in whole seconds.
     */
    public Instant expiresAt(Instant now, Instant notAfter) {
        Instant byValidity = expiresAt(now);
        if (notAfter == null) {
            return byValidity;
        }
        Instant byFile = notAfter.truncatedTo(ChronoUnit.SECONDS);
        return byFile.isBefore(byValidity) ? byFile : byValidity;
    }

    /**
     * Signs a token with the first configured key.
     *
     * @param executionId the execution whose artifact the token opens
     * @param tenantId the tenant the token is issued for
     * @param expiresAt when it stops being valid; truncated to whole seconds
     * @return the token, URL-safe
     * @throws ReportsValidationException naming {@code executionId} or {@code tenantId} if blank or longer
     *     than {@link #MAX_ID_BYTES}
     */
    public String sign(String executionId, String tenantId, Instant expiresAt) {
        byte[] execution = idBytes("executionId", executionId);
        byte[] tenant = idBytes("tenantId", tenantId);
        Objects.requireNonNull(expiresAt, "expiresAt");
        String keyId = config.signingKeyId();
        byte[] payload = payload(keyId, execution, tenant, expiresAt.getEpochSecond());
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(keyId, payload));
    }

    /**
     * A download link: {@code baseUrl} with a token valid from {@code now} for the configured validity
     * appended as the query parameter {@link DownloadLinkConfig#tokenParameter()}.
     *
     * @param baseUrl absolute http(s) URL without a fragment
     * @param executionId the execution whose artifact the link opens
     * @param tenantId the tenant the link is issued for
     * @param now the current time
     * @return the link
     * @throws ReportsValidationException naming {@code download-links.base-url} if the base URL is unusable
     */
    public URI link(URI baseUrl, String executionId, String tenantId, Instant now) {
        return link(baseUrl, executionId, tenantId, now, null);
    }

    /**
     * A link that expires at the earlier of {@code now} plus the validity and {@code notAfter} (e.g. when the
     * file itself is deleted by retention), so a link never outlives its file.
     *
     * @param baseUrl absolute URL of the host's download endpoint
     * @param executionId the execution whose artifact the link opens
     * @param tenantId the tenant the link is issued for
     * @param now the current time
     * @param notAfter the latest expiry, or null for none
     * @return the link
     */
    public URI link(URI baseUrl, String executionId, String tenantId, Instant now, Instant notAfter) {
        checkBaseUrl(baseUrl);
        String token = sign(executionId, tenantId, expiresAt(now, notAfter));
        String base = baseUrl.toString();
        String separator;
        if (baseUrl.getRawQuery() == null) {
            separator = base.endsWith("?") ? "" : "?";
        } else {
            separator = base.endsWith("&") || base.endsWith("?") ? "" : "&";
        }
        return URI.create(base + separator + config.tokenParameter() + "=" + token);
    }

    /**
     * Checks a token: shape, key, signature, expiry and (when given) tenant, in that order, so nothing in an
     * unsigned token is trusted or reported.
     *
     * @param token the token as received
     * @param expectedTenantId the tenant asking; null to accept any tenant (e.g. an unauthenticated link)
     * @param now the current time; a token is expired from its expiry instant on
     * @return the verified contents
     * @throws InvalidDownloadTokenException with the {@link Reason}
     */
    public VerifiedToken verify(String token, String expectedTenantId, Instant now) {
        Objects.requireNonNull(now, "now");
        if (token == null
                || token.length() > MAX_TOKEN_LENGTH
                || !SHAPE.matcher(token).matches()) {
            throw new InvalidDownloadTokenException(
                    Reason.MALFORMED, "not a download token (expected base64url payload '.' signature)");
        }
        int dot = token.indexOf('.');
        byte[] payload = decodeCanonical(token.substring(0, dot));
        byte[] signature = decodeCanonical(token.substring(dot + 1));
        if (signature.length != MAC_BYTES) {
            throw new InvalidDownloadTokenException(
                    Reason.MALFORMED, "signature must be " + MAC_BYTES + " bytes, was " + signature.length);
        }
        Payload parsed = Payload.parse(payload);
        if (config.secret(parsed.keyId()) == null) {
            throw new InvalidDownloadTokenException(
                    Reason.UNKNOWN_KEY,
                    "signed with key '" + parsed.keyId() + "', which is not configured (retired or foreign)");
        }
        if (!MessageDigest.isEqual(mac(parsed.keyId(), payload), signature)) {
            throw new InvalidDownloadTokenException(Reason.BAD_SIGNATURE, "signature does not match");
        }
        Instant expiresAt = Instant.ofEpochSecond(parsed.expiresEpochSecond());
        if (!now.isBefore(expiresAt)) {
            throw new InvalidDownloadTokenException(Reason.EXPIRED, "expired at " + expiresAt + ", now " + now);
        }
        if (expectedTenantId != null && !expectedTenantId.equals(parsed.tenantId())) {
            throw new InvalidDownloadTokenException(Reason.WRONG_TENANT, "issued for another tenant");
        }
        return new VerifiedToken(parsed.executionId(), parsed.tenantId(), expiresAt, parsed.keyId());
    }

    @Override
    public String toString() {
        return "DownloadLinks[" + config + "]";
    }

    private byte[] mac(String keyId, byte[] payload) {
        return hmac(config.secret(keyId), payload);
    }

    /** HMAC-SHA256 of {@code data} under {@code key}: the signature of every token of the library's links. */
    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    }

    private static byte[] payload(String keyId, byte[] execution, byte[] tenant, long expiresEpochSecond) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + execution.length + tenant.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] key = keyId.getBytes(StandardCharsets.US_ASCII);
            out.writeByte(VERSION);
            out.writeByte(key.length);
            out.write(key);
            out.writeShort(execution.length);
            out.write(execution);
            out.writeShort(tenant.length);
            out.write(tenant);
            out.writeLong(expiresEpochSecond);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen in memory
        }
        return bytes.toByteArray();
    }

    /** The UTF-8 bytes of an id put into a token, refused when blank or longer than {@link #MAX_ID_BYTES}. */
    static byte[] idBytes(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ReportsValidationException(field, "must not be blank");
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_ID_BYTES) {
            throw new ReportsValidationException(
                    field, "must be at most " + MAX_ID_BYTES + " bytes in UTF-8, was " + bytes.length);
        }
        return bytes;
    }

    /**
     * Checks a download endpoint URL: absolute http(s) with a host, no fragment, and a path (the endpoint, not
     * the application root: {@code https://app.example.com} would produce {@code https://app.example.com?token=}
     * links that reach no download endpoint).
     *
     * @param baseUrl the URL of the host's token download endpoint
     * @throws ReportsValidationException naming {@code download-links.base-url}
     */
    public static void checkBaseUrl(URI baseUrl) {
        String field = DownloadLinkConfig.PREFIX + "base-url";
        if (baseUrl == null) {
            throw new ReportsValidationException(field, "must not be null");
        }
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!baseUrl.isAbsolute()
                || baseUrl.isOpaque()
                || baseUrl.getHost() == null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new ReportsValidationException(
                    field, "must be an absolute http(s) URL with a host, was '" + baseUrl + "'");
        }
        if (baseUrl.getRawFragment() != null) {
            throw new ReportsValidationException(field, "must not have a fragment (#...), was '" + baseUrl + "'");
        }
        String path = baseUrl.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            throw new ReportsValidationException(
                    field,
                    "must be the full URL of the token download endpoint, not the application root, e.g. '"
                            + baseUrl.getScheme() + "://" + baseUrl.getRawAuthority()
                            + "/api/v1/report-executions/download', was '" + baseUrl + "'");
        }
    }

    /** Decodes base64url and refuses non-canonical spellings, so one token has exactly one spelling. */
    private static byte[] decodeCanonical(String text) {
        byte[] bytes;
        try {
            bytes = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidDownloadTokenException(Reason.MALFORMED, "bad base64: " + e.getMessage());
        }
        if (!ENCODER.encodeToString(bytes).equals(text)) {
            throw new InvalidDownloadTokenException(Reason.MALFORMED, "non-canonical base64");
        }
        return bytes;
    }

    private record Payload(String keyId, String executionId, String tenantId, long expiresEpochSecond) {

        static Payload parse(byte[] bytes) {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            try {
                byte version = in.get();
                if (version != VERSION) {
                    throw new InvalidDownloadTokenException(Reason.MALFORMED, "unknown token version " + version);
                }
                String keyId = text(in, Byte.toUnsignedInt(in.get()));
                String executionId = text(in, Short.toUnsignedInt(in.getShort()));
                String tenantId = text(in, Short.toUnsignedInt(in.getShort()));
                long expires = in.getLong();
                if (in.hasRemaining()) {
                    throw new InvalidDownloadTokenException(Reason.MALFORMED, "trailing bytes after the payload");
                }
                if (!KEY_ID.matcher(keyId).matches() || executionId.isEmpty() || tenantId.isEmpty()) {
                    throw new InvalidDownloadTokenException(Reason.MALFORMED, "bad field in the payload");
                }
                return new Payload(keyId, executionId, tenantId, expires);
            } catch (BufferUnderflowException e) {
                throw new InvalidDownloadTokenException(Reason.MALFORMED, "truncated payload");
            }
        }

        private static String text(ByteBuffer in, int length) {
            if (length > in.remaining()) {
                throw new BufferUnderflowException();
            }
            ByteBuffer slice = in.slice(in.position(), length);
            in.position(in.position() + length);
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(slice)
                        .toString();
            } catch (CharacterCodingException e) {
                throw new InvalidDownloadTokenException(Reason.MALFORMED, "payload is not UTF-8");
            }
        }
    }
}
