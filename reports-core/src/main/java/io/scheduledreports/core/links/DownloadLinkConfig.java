package io.scheduledreports.core.links;

import io.scheduledreports.spi.Durations;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Immutable configuration of {@link DownloadLinks}: the signing keys and how long a link stays valid.
 *
 * <p>Keys carry ids so they can be rotated: every configured key is accepted when verifying (the token names
 * the key that signed it), and the first key signs new links. To rotate, put the new key first, keep the old
 * one until the links it signed have expired ({@link #validity()}), then remove it.
 *
 * <pre>{@code
 * DownloadLinkConfig config = DownloadLinkConfig.builder()
 *         .base64Key("2026-03", System.getenv("REPORTS_LINK_KEY_2026_03"))
 *         .base64Key("2025-12", System.getenv("REPORTS_LINK_KEY_2025_12"))
 *         .validity(Duration.ofDays(3))
 *         .build();
 * }</pre>
 */
public final class DownloadLinkConfig {

    /** How long a link stays valid unless configured otherwise: 7 days. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);

    /** Longest validity accepted: 366 days. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(366);

    /** Shortest key accepted, in bytes: 256 bits, the HMAC-SHA256 output size (RFC 2104 advises no shorter). */
    public static final int MIN_KEY_BYTES = 32;

    /** Name of the query parameter that carries the token unless configured otherwise. */
    public static final String DEFAULT_TOKEN_PARAMETER = "token";

    static final String PREFIX = "download-links.";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Map<String, byte[]> keys; // insertion order: the first key signs
    private final Duration validity;
    private final String tokenParameter;

    private DownloadLinkConfig(Builder builder) {
        LinkedHashMap<String, byte[]> copy = new LinkedHashMap<>();
        builder.keys.forEach((id, secret) -> copy.put(id, secret.clone()));
        this.keys = copy;
        this.validity = builder.validity;
        this.tokenParameter = builder.tokenParameter;
    }

    /** A new builder with the defaults and no keys. */
    public static Builder builder() {
        return new Builder();
    }

    /** The ids of the configured keys; the first one signs new links. */
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    /** How long a new link stays valid. */
    public Duration validity() {
        return validity;
    }

    /** Name of the query parameter that carries the token in a link. */
    public String tokenParameter() {
        return tokenParameter;
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder builder = new Builder().validity(validity).tokenParameter(tokenParameter);
        keys.forEach(builder::key);
        return builder;
    }

    String signingKeyId() {
        return keys.keySet().iterator().next();
    }

    byte[] secret(String keyId) {
        return keys.get(keyId);
    }

    @Override
    public String toString() {
        // Never the secrets.
        return "DownloadLinkConfig[keyIds=" + keyIds() + ", validity=" + validity + ", tokenParameter=" + tokenParameter
                + "]";
    }

    /** Builds a {@link DownloadLinkConfig}; each setter checks its value at once. Not thread-safe. */
    public static final class Builder {
        private final LinkedHashMap<String, byte[]> keys = new LinkedHashMap<>();
        private Duration validity = DEFAULT_VALIDITY;
        private String tokenParameter = DEFAULT_TOKEN_PARAMETER;

        private Builder() {}

        /**
         * Adds a key. The first key added signs new links; all keys verify.
         *
         * @param id key id, 1-64 characters of {@code [A-Za-z0-9_-]}; appears (unencrypted) in every token
         * @param secret at least {@link #MIN_KEY_BYTES} random bytes; copied
         * @return this builder
         * @throws ReportsValidationException naming {@code download-links.keys[id]} if the id or the key is bad
         */
        public Builder key(String id, byte[] secret) {
            checkId(id);
            String field = PREFIX + "keys[" + id + "]";
            if (secret == null) {
                throw new ReportsValidationException(field, "must not be null");
            }
            if (secret.length < MIN_KEY_BYTES) {
                throw new ReportsValidationException(
                        field,
                        "must be at least " + MIN_KEY_BYTES + " bytes (" + MIN_KEY_BYTES * 8 + " bits), was "
                                + secret.length + " bytes; generate one with 'openssl rand -base64 32'");
            }
            if (keys.containsKey(id)) {
                throw new ReportsValidationException(PREFIX + "keys", "duplicate key id '" + id + "'");
            }
            keys.put(id, secret.clone());
            return this;
        }

        /**
         * Adds a key given in base64 (standard or URL-safe alphabet, padding optional), the usual way to put a
         * key into configuration.
         *
         * @param id key id, see {@link #key(String, byte[])}
         * @param base64Secret the key, base64-encoded, at least {@link #MIN_KEY_BYTES} bytes once decoded
         * @return this builder
         * @throws ReportsValidationException naming {@code download-links.keys[id]} if the value is not base64
         *     or too short
         */
        public Builder base64Key(String id, String base64Secret) {
            checkId(id);
            String field = PREFIX + "keys[" + id + "]";
            if (base64Secret == null || base64Secret.isBlank()) {
                throw new ReportsValidationException(field, "must not be blank");
            }
            byte[] secret;
            try {
                String normalised = base64Secret.strip().replace('-', '+').replace('_', '/');
                secret = Base64.getDecoder().decode(normalised);
            } catch (IllegalArgumentException e) {
                // Not echoing the value: it is a secret.
                throw new ReportsValidationException(field, "must be base64: " + e.getMessage(), e);
            }
            return key(id, secret);
        }

        /**
         * How long a new link stays valid.
         *
         * @param validity positive, at most {@link #MAX_VALIDITY}; default {@link #DEFAULT_VALIDITY}
         * @return this builder
         * @throws ReportsValidationException naming {@code download-links.validity}
         */
        public Builder validity(Duration validity) {
            String field = PREFIX + "validity";
            if (validity == null) {
                throw new ReportsValidationException(field, "must not be null");
            }
            if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
                throw new ReportsValidationException(
                        field,
                        "must be positive and at most " + Durations.format(MAX_VALIDITY) + ", was "
                                + Durations.format(validity));
            }
            this.validity = validity;
            return this;
        }

        /**
         * Name of the query parameter that carries the token.
         *
         * @param name 1-64 characters of {@code [A-Za-z0-9_-]}; default {@link #DEFAULT_TOKEN_PARAMETER}
         * @return this builder
         * @throws ReportsValidationException naming {@code download-links.token-parameter}
         */
        public Builder tokenParameter(String name) {
            if (name == null || !PARAMETER.matcher(name).matches()) {
                throw new ReportsValidationException(
                        PREFIX + "token-parameter", "must be 1-64 characters of [A-Za-z0-9_-], was '" + name + "'");
            }
            this.tokenParameter = name;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @throws ReportsValidationException naming {@code download-links.keys} if no key was added
         */
        public DownloadLinkConfig build() {
            if (keys.isEmpty()) {
                throw new ReportsValidationException(
                        PREFIX + "keys",
                        "at least one signing key is required; generate one with 'openssl rand -base64 32'");
            }
            return new DownloadLinkConfig(this);
        }

        private static void checkId(String id) {
            if (id == null || !KEY_ID.matcher(id).matches()) {
                throw new ReportsValidationException(
                        PREFIX + "keys", "key id must be 1-64 characters of [A-Za-z0-9_-], was '" + id + "'");
            }
        }
    }
}
