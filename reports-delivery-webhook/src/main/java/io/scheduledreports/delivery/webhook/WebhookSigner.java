package io.scheduledreports.delivery.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook requests the Standard Webhooks way (<a href="https://www.standardwebhooks.com/">standardwebhooks.com</a>):
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 over "id.timestamp.body">} with the secret's bytes as key. A
 * secret is written {@code whsec_<base64>} (the prefix is optional); receivers verify with any Standard Webhooks
 * library.
 */
public final class WebhookSigner {
    /** The prefix of Standard Webhooks secrets. */
    public static final String SECRET_PREFIX = "whsec_";

    private final SecretKeySpec key;

    private WebhookSigner(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * A signer for a secret in the {@code whsec_<base64>} form.
     *
     * @param secret the secret (its value is never part of an error message)
     * @return the signer
     * @throws IllegalArgumentException when the secret is not base64 or shorter than 24 bytes
     */
    public static WebhookSigner fromSecret(String secret) {
        Objects.requireNonNull(secret, "secret");
        String b64 = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(b64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be whsec_ followed by base64, was not base64");
        }
        if (key.length < 24) {
            throw new IllegalArgumentException("must decode to at least 24 bytes, was " + key.length);
        }
        return new WebhookSigner(key);
    }

    /** Starts a MAC over {@code id.timestamp.}; the caller adds the body and calls {@link #signature(Mac)}. */
    Mac start(String id, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static String signature(Mac mac) {
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal());
    }

    /**
     * The {@code webhook-signature} value for a body.
     *
     * @param id the {@code webhook-id}
     * @param timestamp the {@code webhook-timestamp}, Unix seconds
     * @param body the exact body bytes
     * @return {@code v1,<base64>}
     */
    public String sign(String id, long timestamp, byte[] body) {
        Mac mac = start(id, timestamp);
        mac.update(body);
        return signature(mac);
    }
}
