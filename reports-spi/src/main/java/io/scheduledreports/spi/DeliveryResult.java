package io.scheduledreports.spi;

import java.util.Objects;

/**
 * The outcome of {@link DeliveryChannel#deliver(Delivery)}.
 *
 * @param sent whether the far side accepted the delivery
 * @param providerReference the far side's id for it (e.g. the e-mail {@code Message-ID}); may be null
 * @param category why it failed; null when sent
 * @param message what failed; null when sent
 */
public record DeliveryResult(boolean sent, String providerReference, ErrorCategory category, String message) {

    /** Validates the result. */
    public DeliveryResult {
        if (!sent) {
            Objects.requireNonNull(category, "a failed delivery needs a category");
            message = message == null ? "" : message;
        }
    }

    /** The delivery was accepted. */
    public static DeliveryResult sent(String providerReference) {
        return new DeliveryResult(true, providerReference, null, null);
    }

    /** The delivery failed; the category decides whether it is retried. */
    public static DeliveryResult failed(ErrorCategory category, String message) {
        return new DeliveryResult(false, null, category, message);
    }
}
