package io.scheduledreports.delivery.email.internal;

import io.scheduledreports.spi.ErrorCategory;
import java.util.Objects;

/**
 * A classified SMTP failure.
 *
 * @param category decides whether the engine retries
 * @param message one line saying what failed and, where useful, what to change
 * @param bounce whether the server refused the recipient or the message for good (5xx at {@code RCPT} or
 *     {@code DATA}): a hard bounce of this delivery's only recipient
 */
public record SmtpFailure(ErrorCategory category, String message, boolean bounce) {

    /** A failure that is not a bounce. */
    public SmtpFailure(ErrorCategory category, String message) {
        this(category, message, false);
    }

    /** Validates the values. */
    public SmtpFailure {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(message, "message");
    }
}
