package io.scheduledreports.core;

import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * How failed work is retried: how many attempts, the delay before each retry (exponential by default: 1 min,
 * 5 min, 15 min), random jitter so that a burst of failures does not retry in lockstep, and the categories
 * that are never retried. Immutable; build with {@link #builder()} or take {@link #ofDefaults()}. Generation and
 * each delivery retry separately, each with its own policy.
 */
public final class RetryPolicy {

    /** Default delays before the 2nd, 3rd and 4th attempt. */
    public static final List<Duration> DEFAULT_BACKOFF =
            List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));
    /** Default number of attempts in all (first try plus retries). */
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    /** Default jitter: each delay varies by up to this fraction, up or down. */
    public static final double DEFAULT_JITTER = 0.2;
    /** Categories never retried by default: retrying the same input cannot help. */
    public static final Set<ErrorCategory> DEFAULT_NON_RETRYABLE =
            Set.of(ErrorCategory.CONFIGURATION, ErrorCategory.DATA, ErrorCategory.PERMISSION);

    private static final RetryPolicy DEFAULTS = builder().build();

    private final int maxAttempts;
    private final List<Duration> backoff;
    private final double jitter;
    private final Set<ErrorCategory> nonRetryable;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.backoff = List.copyOf(b.backoff);
        this.jitter = b.jitter;
        this.nonRetryable = Set.copyOf(b.nonRetryable);
    }

    /** The defaults: 4 attempts, 1/5/15 minutes, 20 % jitter, CONFIGURATION and DATA not retried. */
    public static RetryPolicy ofDefaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this policy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxAttempts = maxAttempts;
        b.backoff = backoff;
        b.jitter = jitter;
        b.nonRetryable = nonRetryable.isEmpty() ? EnumSet.noneOf(ErrorCategory.class) : EnumSet.copyOf(nonRetryable);
        return b;
    }

    /** A policy that never retries. */
    public static RetryPolicy noRetries() {
        return builder().maxAttempts(1).build();
    }

    /** Attempts in all. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Delays before each retry; the last one repeats when there are more retries than delays. */
    public List<Duration> backoff() {
        return backoff;
    }

    /** Jitter fraction. */
    public double jitter() {
        return jitter;
    }

    /** Categories that are never retried. */
    public Set<ErrorCategory> nonRetryable() {
        return nonRetryable;
    }

    /**
     * The delay before the next attempt, or empty when the work must not be retried.
     *
     * @param category why the attempt failed
     * @param failedAttempt 1-based number of the attempt that just failed
     * @param random source of jitter
     * @return the delay, or empty for "give up"
     */
    public Optional<Duration> nextDelay(ErrorCategory category, int failedAttempt, RandomGenerator random) {
        if (nonRetryable.contains(category)) {
            return Optional.empty();
        }
        return nextDelay(failedAttempt, random);
    }

    /**
     * The delay before the next attempt whatever the category (a {@link RetryStrategy} chose this policy for the
     * category already), or empty when the attempts are used up.
     *
     * @param failedAttempt 1-based number of the attempt that just failed
     * @param random source of jitter
     * @return the delay, or empty for "give up"
     */
    public Optional<Duration> nextDelay(int failedAttempt, RandomGenerator random) {
        if (failedAttempt >= maxAttempts) {
            return Optional.empty();
        }
        Duration base = backoff.get(Math.min(failedAttempt - 1, backoff.size() - 1));
        if (jitter == 0) {
            return Optional.of(base);
        }
        double factor = 1 + (random.nextDouble() * 2 - 1) * jitter;
        return Optional.of(Duration.ofMillis(Math.max(0, Math.round(base.toMillis() * factor))));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", backoff=" + backoff + ", jitter=" + jitter
                + ", nonRetryable=" + nonRetryable + "]";
    }

    /** Builds a {@link RetryPolicy}; setters validate on the spot. */
    public static final class Builder {
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private List<Duration> backoff = DEFAULT_BACKOFF;
        private double jitter = DEFAULT_JITTER;
        private Set<ErrorCategory> nonRetryable = EnumSet.copyOf(DEFAULT_NON_RETRYABLE);

        private Builder() {}

        /** Attempts in all, 1-100 (1 = no retries). */
        public Builder maxAttempts(int value) {
            if (value < 1 || value > 100) {
                throw new ReportsValidationException("retry.maxAttempts", "must be 1-100, was " + value);
            }
            this.maxAttempts = value;
            return this;
        }

        /** Delays before the retries, each between 0 and 24 hours. */
        public Builder backoff(Duration... delays) {
            if (delays.length == 0) {
                throw new ReportsValidationException("retry.backoff", "must list at least one delay");
            }
            for (Duration d : delays) {
                if (d == null || d.isNegative() || d.compareTo(Duration.ofHours(24)) > 0) {
                    throw new ReportsValidationException("retry.backoff", "each delay must be 0-24h, was " + d);
                }
            }
            this.backoff = List.of(delays);
            return this;
        }

        /** Jitter fraction, 0 to 1. */
        public Builder jitter(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new ReportsValidationException("retry.jitter", "must be 0-1, was " + value);
            }
            this.jitter = value;
            return this;
        }

        /** Categories that are never retried (replaces the defaults). */
        public Builder nonRetryable(ErrorCategory... categories) {
            this.nonRetryable =
                    categories.length == 0 ? EnumSet.noneOf(ErrorCategory.class) : EnumSet.copyOf(List.of(categories));
            return this;
        }

        /** Builds the policy. */
        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
