package io.scheduledreports.delivery.sftp.internal;

import io.scheduledreports.spi.ReportsValidationException;
import java.security.PublicKey;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * A pinned server key, held as its SHA-256 fingerprint (the form {@code ssh-keygen -lf} prints). Built from
 * either that fingerprint or the public key itself ({@code known_hosts} / {@code ssh-keyscan} form).
 *
 * @param fingerprint {@code SHA256:<base64 without padding>}
 */
public record HostKeyPin(String fingerprint) {

    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    /**
     * Parses a pin.
     *
     * @param field the setting's name, for messages
     * @param value a fingerprint or a public key line
     * @return the pin
     * @throws ReportsValidationException naming {@code field} when the value is neither
     */
    public static HostKeyPin parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ReportsValidationException(
                    field,
                    "must be the server's public key ('ecdsa-sha2-nistp256 AAAA...', as ssh-keyscan prints it) or"
                            + " its SHA-256 fingerprint ('SHA256:...'); unknown host keys are never accepted, was "
                            + (value == null ? "null" : "blank"));
        }
        String trimmed = value.strip();
        if (trimmed.startsWith("SHA256:")) {
            String fp = trimmed.endsWith("=") ? trimmed.replaceAll("=+$", "") : trimmed;
            if (!FINGERPRINT.matcher(fp).matches()) {
                throw new ReportsValidationException(
                        field,
                        "a SHA-256 fingerprint is 'SHA256:' and 43 base64 characters, was '" + shorten(trimmed) + "'");
            }
            return new HostKeyPin(fp);
        }
        try {
            PublicKeyEntry entry = PublicKeyEntry.parsePublicKeyEntry(trimmed);
            PublicKey key = entry.resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
            if (key == null) {
                throw new IllegalArgumentException("unsupported key type " + entry.getKeyType());
            }
            return new HostKeyPin(KeyUtils.getFingerPrint(key));
        } catch (Exception e) {
            throw new ReportsValidationException(
                    field,
                    "not a public key line ('<type> <base64> [comment]') nor a 'SHA256:' fingerprint (" + e.getMessage()
                            + "), was '" + shorten(trimmed) + "'",
                    e);
        }
    }

    /** Whether {@code key} is the pinned key. */
    public boolean matches(PublicKey key) {
        return key != null && fingerprint.equals(KeyUtils.getFingerPrint(key));
    }

    private static String shorten(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
