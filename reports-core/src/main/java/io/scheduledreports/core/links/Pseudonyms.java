package io.scheduledreports.core.links;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * The keyed hash that replaces an erased e-mail address or user id (GDPR erasure): HMAC-SHA256 under a key derived
 * from the current download-link key for this purpose alone, so the same person always maps to the same
 * pseudonym (statistics and audit trails still group by it) while nobody without the key can test a guessed
 * address against it. A pseudonym reads {@code erased:<key id>:<22 base64url characters>}.
 */
public final class Pseudonyms {
    /** Every pseudonym starts with this. */
    public static final String PREFIX = "erased:";

    private static final String PURPOSE = "scheduled-reports/erasure/v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final String keyId;
    private final byte[] key;

    private Pseudonyms(String keyId, byte[] key) {
        this.keyId = keyId;
        this.key = key;
    }

    /**
     * Pseudonyms under the first (current) key of {@code config}.
     *
     * @param config the download-link keys
     * @return the hash
     */
    public static Pseudonyms create(DownloadLinkConfig config) {
        Objects.requireNonNull(config, "config");
        String keyId = config.keyIds().get(0);
        byte[] derived = DownloadLinks.hmac(config.secret(keyId), PURPOSE.getBytes(StandardCharsets.US_ASCII));
        return new Pseudonyms(keyId, derived);
    }

    /**
     * The pseudonym of an address or user id. Addresses are compared without regard to case, so
     * {@code Bob@Example.com} and {@code bob@example.com} get the same pseudonym; user ids are taken as they are.
     *
     * @param kind {@code email} or {@code user}: the same text as an address and as a user id differ
     * @param value the address or id
     * @return {@code erased:<key id>:<hash>}
     */
    public String of(String kind, String value) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        String normalised = "email".equals(kind) ? value.strip().toLowerCase(Locale.ROOT) : value;
        byte[] mac = DownloadLinks.hmac(key, (kind + "\n" + normalised).getBytes(StandardCharsets.UTF_8));
        byte[] head = java.util.Arrays.copyOf(mac, 16);
        return PREFIX + keyId + ":" + ENCODER.encodeToString(head);
    }

    @Override
    public String toString() {
        return "Pseudonyms[keyId=" + keyId + "]";
    }
}
