package io.scheduledreports.delivery.email.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Message-IDs derived from a delivery's idempotency key, so every attempt of one delivery carries the same
 * {@code Message-ID} and the far side (or a person) can recognise a repeat.
 */
public final class MessageIds {

    /** Right-hand side of every Message-ID. */
    public static final String DOMAIN = "scheduled-reports";

    private static final int MAX_LEFT = 200;

    private MessageIds() {}

    /**
     * {@code <key@scheduled-reports>}, where bytes of the key outside {@code [A-Za-z0-9_+-]} are written as
     * {@code =XX} (so different keys never share an id), and keys that would exceed 200 characters are
     * replaced by {@code sha256.<hex>}.
     */
    public static String of(String idempotencyKey) {
        StringBuilder left = new StringBuilder();
        for (byte b : idempotencyKey.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '+' || c == '-')) {
                left.append(c);
            } else {
                left.append('=').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        if (left.isEmpty() || left.length() > MAX_LEFT) {
            left.setLength(0);
            left.append("sha256.").append(sha256(idempotencyKey));
        }
        return "<" + left + "@" + DOMAIN + ">";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
