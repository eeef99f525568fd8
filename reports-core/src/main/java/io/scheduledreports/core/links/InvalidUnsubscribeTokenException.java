package io.scheduledreports.core.links;

import io.scheduledreports.core.links.InvalidDownloadTokenException.Reason;
import io.scheduledreports.spi.ReportsValidationException;
import java.util.Locale;
import java.util.Objects;

/**
 * An unsubscribe token was refused. An endpoint answers 410 for {@link Reason#EXPIRED} and 404 for the rest,
 * with no detail, and changes nothing. The field is always {@code token}; the message never holds the token.
 */
public class InvalidUnsubscribeTokenException extends ReportsValidationException {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the token was refused (the download-token reasons apply as they are)
     * @param detail what was seen, without the token
     */
    public InvalidUnsubscribeTokenException(Reason reason, String detail) {
        super("token", Objects.requireNonNull(reason, "reason").name().toLowerCase(Locale.ROOT) + ": " + detail);
        this.reason = reason;
    }

    /** Why the token was refused. */
    public Reason reason() {
        return reason;
    }
}
