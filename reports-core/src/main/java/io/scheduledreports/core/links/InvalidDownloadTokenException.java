package io.scheduledreports.core.links;

import io.scheduledreports.spi.ReportsValidationException;
import java.util.Locale;
import java.util.Objects;

/**
 * A download token was refused. The {@link #reason()} lets a download endpoint answer precisely (for example
 * 410 Gone for {@link Reason#EXPIRED}, 404 for the others so a probe learns nothing).
 *
 * <p>A {@link ReportsValidationException} (so an {@link IllegalArgumentException}) rather than a
 * {@link io.scheduledreports.spi.ReportsException}: a token is input from whoever clicked a link, refused
 * before any work starts, and the retry categories of {@code ReportsException} mean nothing for it. The
 * field is always {@code token}; the message never contains the token itself.
 */
public class InvalidDownloadTokenException extends ReportsValidationException {
    private static final long serialVersionUID = 1L;

    /** Why a token was refused, in the order the checks run. */
    public enum Reason {
        /** Not a token of ours: wrong shape, bad base64, bad layout or version. */
        MALFORMED,
        /** Signed with a key id that is not (or no longer) configured. */
        UNKNOWN_KEY,
        /** The signature does not match: the token was altered or signed with another secret. */
        BAD_SIGNATURE,
        /** Genuine, but its expiry has passed. */
        EXPIRED,
        /** Genuine and current, but issued for another tenant than the one asking. */
        WRONG_TENANT
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the token was refused
     * @param detail what was seen, without the token
     */
    public InvalidDownloadTokenException(Reason reason, String detail) {
        super("token", Objects.requireNonNull(reason, "reason").name().toLowerCase(Locale.ROOT) + ": " + detail);
        this.reason = reason;
    }

    /** Why the token was refused. */
    public Reason reason() {
        return reason;
    }
}
