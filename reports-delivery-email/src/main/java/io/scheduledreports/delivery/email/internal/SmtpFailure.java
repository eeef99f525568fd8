package io.scheduledreports.delivery.email.internal;

import io.scheduledreports.spi.ErrorCategory;
import java.util.Objects;

/**
 * A classified SMTP failure.
 *
 * @param category decides whether the engine retries
 * @param message one line saying what failed and, where useful, what to change
 */
public record SmtpFailure(ErrorCategory category, String message) {

    /** Validates the values. */
    public SmtpFailure {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(message, "message");
    }
}
