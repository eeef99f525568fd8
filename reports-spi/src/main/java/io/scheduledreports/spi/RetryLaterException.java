package io.scheduledreports.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * A transient failure whose far side said when to try again (HTTP {@code Retry-After}, Slack {@code ratelimited}).
 * The engine waits as told: the next attempt comes {@link #retryAfter()} later (capped by the retry strategy's
 * {@code maxRetryAfter}) instead of after its own backoff, while attempts remain; the attempt counts like any other.
 */
public class RetryLaterException extends ReportsException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param category a transient category, usually NETWORK
     * @param message what failed
     * @param retryAfter the delay the far side asked for; not negative
     */
    public RetryLaterException(ErrorCategory category, String message, Duration retryAfter) {
        super(category, message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter: must not be negative, was " + retryAfter);
        }
    }

    /** The delay the far side asked for. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
