package io.scheduledreports.spi;

import java.util.Objects;

/**
 * The outcome of {@link DeliveryChannel#deliver(Delivery)}.
 *
 * @param sent whether the far side accepted the delivery
 * @param providerReference the far side's id for it (e.g. the e-mail {@code Message-ID}); may be null
 * @param category why it failed; null when sent
 * @param message what failed; null when sent
 * @param bounced whether the far side refused this recipient permanently (e-mail: a 5xx reply to {@code RCPT} or
 *     after {@code DATA}); the engine counts these per recipient and stops sending to one refused too often in a
 *     row. Always false when sent.
 */
public record DeliveryResult(
        boolean sent, String providerReference, ErrorCategory category, String message, boolean bounced) {

    /** Validates the result. */
    public DeliveryResult {
        if (!sent) {
            Objects.requireNonNull(category, "a failed delivery needs a category");
            message = message == null ? "" : message;
        } else if (bounced) {
            throw new IllegalArgumentException("bounced: a sent delivery cannot have bounced");
        }
    }

    /** A result that is not a bounce. */
    public DeliveryResult(boolean sent, String providerReference, ErrorCategory category, String message) {
        this(sent, providerReference, category, message, false);
    }

    /** The delivery was accepted. */
    public static DeliveryResult sent(String providerReference) {
        return new DeliveryResult(true, providerReference, null, null, false);
    }

    /** The delivery failed; the category decides whether it is retried. */
    public static DeliveryResult failed(ErrorCategory category, String message) {
        return new DeliveryResult(false, null, category, message, false);
    }

    /**
     * The far side refused the recipient for good (a hard bounce): failed with {@link ErrorCategory#DATA}, not
     * retried, and counted against the recipient.
     *
     * @param message the far side's answer, e.g. {@code 550 5.1.1 user unknown}
     */
    public static DeliveryResult bounced(String message) {
        return new DeliveryResult(false, null, ErrorCategory.DATA, message, true);
    }
}
