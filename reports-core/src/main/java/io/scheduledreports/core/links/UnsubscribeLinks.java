package io.scheduledreports.core.links;

import io.scheduledreports.core.links.InvalidDownloadTokenException.Reason;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Signs and verifies the per-recipient tokens of unsubscribe links, with the key set of {@link DownloadLinks}
 * (so a host configures and rotates one set of keys) but never interchangeably with download tokens.
 *
 * <p>Each configured key is not used directly: the MAC key is {@code HMAC-SHA256(key, "}{@value #PURPOSE}{@code
 * ")}, a key derived for this purpose alone. A download token (MAC under the key itself) therefore never
 * verifies here, and an unsubscribe token never opens a file, even though both are signed from the same
 * secrets. The payload also carries a purpose byte, so the two kinds differ in layout as well.
 *
 * <p>A token is {@code base64url(payload) "." base64url(mac)}; the payload holds a version, the purpose, the
 * key id, the tenant id, the recipient id and the expiry. Thread-safe; time is passed in.
 */
public final class UnsubscribeLinks {

    /** The domain-separation label the MAC key is derived with. */
    public static final String PURPOSE = "io.scheduledreports/unsubscribe/v1";

    /** How long an unsubscribe link works unless configured otherwise: 365 days (mail is read late). */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

    private static final byte VERSION = 1;
    private static final byte PURPOSE_BYTE = 'U';
    private static final int MAC_BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final DownloadLinkConfig keys;
    private final Duration validity;

    private UnsubscribeLinks(DownloadLinkConfig keys, Duration validity) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.validity = validity;
    }

    /**
     * Unsubscribe links signed with the keys of {@code keys} (its download validity does not apply).
     *
     * @param keys the download-link key set
     * @param validity how long a link works: positive, at most {@link DownloadLinkConfig#MAX_VALIDITY}
     * @return the signer
     * @throws ReportsValidationException naming {@code unsubscribe-links.validity}
     */
    public static UnsubscribeLinks create(DownloadLinkConfig keys, Duration validity) {
        return new UnsubscribeLinks(keys, checkValidity(validity));
    }

    /**
     * Checks a link validity.
     *
     * @param validity positive, at most {@link DownloadLinkConfig#MAX_VALIDITY}
     * @return the validity
     * @throws ReportsValidationException naming {@code unsubscribe-links.validity}
     */
    public static Duration checkValidity(Duration validity) {
        if (validity == null
                || validity.isNegative()
                || validity.isZero()
                || validity.compareTo(DownloadLinkConfig.MAX_VALIDITY) > 0) {
            throw new ReportsValidationException(
                    "unsubscribe-links.validity",
                    "must be positive and at most " + DownloadLinkConfig.MAX_VALIDITY + ", was " + validity);
        }
        return validity;
    }

    /** How long a new link works. */
    public Duration validity() {
        return validity;
    }

    /**
     * Signs a token for one recipient row with the first configured key.
     *
     * @param tenantId the recipient's tenant
     * @param recipientId the recipient row (one schedule, one address)
     * @param expiresAt when it stops working; truncated to whole seconds
     * @return the URL-safe token
     */
    public String sign(String tenantId, String recipientId, Instant expiresAt) {
        byte[] tenant = DownloadLinks.idBytes("tenantId", tenantId);
        byte[] recipient = DownloadLinks.idBytes("recipientId", recipientId);
        String keyId = keys.signingKeyId();
        byte[] payload = payload(keyId, tenant, recipient, expiresAt.getEpochSecond());
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(keyId, payload));
    }

    /**
     * The link for one recipient: {@code baseUrl?token=...}, valid from {@code now} for {@link #validity()}.
     *
     * @param baseUrl the host's unsubscribe endpoint (absolute http(s) URL with a path)
     * @param tenantId the recipient's tenant
     * @param recipientId the recipient row
     * @param now the current time
     * @return the link
     */
    public URI link(URI baseUrl, String tenantId, String recipientId, Instant now) {
        String token = sign(tenantId, recipientId, now.plus(validity).truncatedTo(ChronoUnit.SECONDS));
        String base = baseUrl.toString();
        String separator = baseUrl.getRawQuery() == null ? "?" : "&";
        return URI.create(base + separator + "token=" + URLEncoder.encode(token, StandardCharsets.US_ASCII));
    }

    /**
     * Checks a token: shape, key, signature, then expiry, so nothing in an unsigned token is trusted.
     *
     * @param token the token as received
     * @param now the current time
     * @return the verified recipient
     * @throws InvalidUnsubscribeTokenException with the reason
     */
    public VerifiedRecipient verify(String token, Instant now) {
        Objects.requireNonNull(now, "now");
        if (token == null
                || token.length() > DownloadLinks.MAX_TOKEN_LENGTH
                || !SHAPE.matcher(token).matches()) {
            throw new InvalidUnsubscribeTokenException(Reason.MALFORMED, "not an unsubscribe token");
        }
        int dot = token.indexOf('.');
        byte[] payload = decodeCanonical(token.substring(0, dot));
        byte[] signature = decodeCanonical(token.substring(dot + 1));
        if (signature.length != MAC_BYTES) {
            throw new InvalidUnsubscribeTokenException(Reason.MALFORMED, "signature has the wrong length");
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        String keyId;
        String tenantId;
        String recipientId;
        long expires;
        try {
            if (in.get() != VERSION || in.get() != PURPOSE_BYTE) {
                throw new InvalidUnsubscribeTokenException(Reason.MALFORMED, "not an unsubscribe token");
            }
            keyId = text(in, Byte.toUnsignedInt(in.get()));
            tenantId = text(in, Short.toUnsignedInt(in.getShort()));
            recipientId = text(in, Short.toUnsignedInt(in.getShort()));
            expires = in.getLong();
        } catch (BufferUnderflowException e) {
            throw new InvalidUnsubscribeTokenException(Reason.MALFORMED, "truncated payload");
        }
        if (in.hasRemaining() || tenantId.isEmpty() || recipientId.isEmpty()) {
            throw new InvalidUnsubscribeTokenException(Reason.MALFORMED, "bad payload");
        }
        if (keys.secret(keyId) == null) {
            throw new InvalidUnsubscribeTokenException(Reason.UNKNOWN_KEY, "signed with a key that is not configured");
        }
        if (!MessageDigest.isEqual(mac(keyId, payload), signature)) {
            throw new InvalidUnsubscribeTokenException(Reason.BAD_SIGNATURE, "signature does not match");
        }
        Instant expiresAt = Instant.ofEpochSecond(expires);
        if (!now.isBefore(expiresAt)) {
            throw new InvalidUnsubscribeTokenException(Reason.EXPIRED, "expired at " + expiresAt);
        }
        return new VerifiedRecipient(tenantId, recipientId, expiresAt);
    }

    /**
     * The contents of a verified unsubscribe token.
     *
     * @param tenantId the recipient's tenant
     * @param recipientId the recipient row
     * @param expiresAt when the link stops working
     */
    public record VerifiedRecipient(String tenantId, String recipientId, Instant expiresAt) {}

    @Override
    public String toString() {
        return "UnsubscribeLinks[keyIds=" + keys.keyIds() + ", validity=" + validity + "]";
    }

    private byte[] mac(String keyId, byte[] payload) {
        // a key of its own, derived for this purpose: a download token never verifies as an unsubscribe token
        byte[] purposeKey = DownloadLinks.hmac(keys.secret(keyId), PURPOSE.getBytes(StandardCharsets.US_ASCII));
        return DownloadLinks.hmac(purposeKey, payload);
    }

    private static byte[] payload(String keyId, byte[] tenant, byte[] recipient, long expiresEpochSecond) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + tenant.length + recipient.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] key = keyId.getBytes(StandardCharsets.US_ASCII);
            out.writeByte(VERSION);
            out.writeByte(PURPOSE_BYTE);
            out.writeByte(key.length);
            out.write(key);
            out.writeShort(tenant.length);
            out.write(tenant);
            out.writeShort(recipient.length);
            out.write(recipient);
            out.writeLong(expiresEpochSecond);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen in memory
        }
        return bytes.toByteArray();
    }

    private static byte[] decodeCanonical(String text) {
        byte[] bytes;
        try {
            bytes = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidUnsubscribeTokenException(Reason.MALFORMED, "bad base64");
        }
        if (!ENCODER.encodeToString(bytes).equals(text)) {
            throw new InvalidUnsubscribeTokenException(Reason.MALFORMED, "non-canonical base64");
        }
        return bytes;
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
            throw new InvalidUnsubscribeTokenException(Reason.MALFORMED, "payload is not UTF-8");
        }
    }
}
