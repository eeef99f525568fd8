package io.scheduledreports.core;

import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsException;
import java.time.Duration;
import java.util.Objects;

/**
 * The caller asked too often (test deliveries and connection checks are limited per user); try again after
 * {@link #retryAfter()}. The REST API answers 429 with {@code Retry-After}.
 */
public class RateLimitedException extends ReportsException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param message what was limited and the limit
     * @param retryAfter when the next call can succeed
     */
    public RateLimitedException(String message, Duration retryAfter) {
        super(ErrorCategory.CONFIGURATION, message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long to wait before the next call. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
