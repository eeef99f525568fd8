package io.scheduledreports.core;

import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How failed work is retried, per {@link ErrorCategory}: each category may have its own {@link RetryPolicy}
 * (attempts, backoff, jitter); the others use the fallback policy, which also says which categories are never
 * retried. Immutable; take {@link #ofDefaults()} (generation), {@link #deliveryDefaults()} (each delivery) or
 * {@link #uniform(RetryPolicy)}, or build one with {@link #builder()} / {@link #toBuilder()}.
 *
 * <p>Defaults for generation (seed 004, R6): {@code NETWORK} errors retry with exponential backoff and jitter
 * (1, 4, 16 min ±20 %, 4 attempts in all); {@code SYSTEM} errors up to 3 times (1, 5, 15 min); {@code DATA},
 * {@code CONFIGURATION} and {@code PERMISSION} never (the input or the set-up must change first);
 * {@code TIMEOUT} and {@code UNKNOWN} use {@link RetryPolicy#ofDefaults()}. Deliveries (R9.3) retry up to 5
 * times with exponential backoff (1, 2, 4, 8, 16 min ±20 %), except the never-retried categories.
 *
 * <p>A far side that says when to come back ({@link io.scheduledreports.spi.RetryLaterException}: HTTP 429 or 503
 * with {@code Retry-After}) is waited for as told, capped at {@link #maxRetryAfter()}; the attempt counts like any
 * other, so a server that keeps answering 429 still ends in the dead letters.
 */
public final class RetryStrategy {

    /** Default cap on a far side's {@code Retry-After}. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofHours(24);

    /** Default policy of {@link ErrorCategory#NETWORK} errors of generation: exponential (x4) with jitter. */
    public static final RetryPolicy DEFAULT_NETWORK = RetryPolicy.builder()
            .maxAttempts(4)
            .backoff(Duration.ofMinutes(1), Duration.ofMinutes(4), Duration.ofMinutes(16))
            .jitter(0.2)
            .build();

    /** Default policy of {@link ErrorCategory#SYSTEM} errors of generation: up to 3 retries. */
    public static final RetryPolicy DEFAULT_SYSTEM = RetryPolicy.builder()
            .maxAttempts(4)
            .backoff(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15))
            .jitter(0.2)
            .build();

    /** Default policy of each delivery: up to 5 retries, exponential (x2) with jitter; never-retried kept. */
    public static final RetryPolicy DEFAULT_DELIVERY = RetryPolicy.builder()
            .maxAttempts(6)
            .backoff(
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(2),
                    Duration.ofMinutes(4),
                    Duration.ofMinutes(8),
                    Duration.ofMinutes(16))
            .jitter(0.2)
            .build();

    private static final RetryStrategy DEFAULTS = new Builder(RetryPolicy.ofDefaults())
            .category(ErrorCategory.NETWORK, DEFAULT_NETWORK)
            .category(ErrorCategory.SYSTEM, DEFAULT_SYSTEM)
            .category(ErrorCategory.DATA, RetryPolicy.noRetries())
            .category(ErrorCategory.CONFIGURATION, RetryPolicy.noRetries())
            .category(ErrorCategory.PERMISSION, RetryPolicy.noRetries())
            .build();

    private static final RetryStrategy DELIVERY_DEFAULTS = uniform(DEFAULT_DELIVERY);

    private final RetryPolicy fallback;
    private final Map<ErrorCategory, RetryPolicy> byCategory;
    private final Duration maxRetryAfter;

    private RetryStrategy(Builder b) {
        this.fallback = b.fallback;
        this.byCategory = Collections.unmodifiableMap(new EnumMap<>(b.byCategory));
        this.maxRetryAfter = b.maxRetryAfter;
    }

    /** The generation defaults (see the class comment). */
    public static RetryStrategy ofDefaults() {
        return DEFAULTS;
    }

    /** The delivery defaults: {@link #DEFAULT_DELIVERY} for every category it retries. */
    public static RetryStrategy deliveryDefaults() {
        return DELIVERY_DEFAULTS;
    }

    /** One policy for every category (its {@link RetryPolicy#nonRetryable()} ones are not retried). */
    public static RetryStrategy uniform(RetryPolicy policy) {
        return new Builder(Objects.requireNonNull(policy, "policy")).build();
    }

    /** A builder starting from the generation defaults. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from this strategy. */
    public Builder toBuilder() {
        RetryStrategy base = this;
        Builder b = new Builder(base.fallback);
        b.byCategory.putAll(base.byCategory);
        b.maxRetryAfter = base.maxRetryAfter;
        return b;
    }

    /** The policy failures of {@code category} follow. */
    public RetryPolicy policyFor(ErrorCategory category) {
        return byCategory.getOrDefault(category, fallback);
    }

    /** The policy of categories without their own. */
    public RetryPolicy fallback() {
        return fallback;
    }

    /** Categories with a policy of their own. */
    public Map<ErrorCategory, RetryPolicy> categoryPolicies() {
        return byCategory;
    }

    /** Longest {@code Retry-After} honoured as told; longer answers are cut to this. */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /** Whether failures of {@code category} are ever retried. */
    public boolean retries(ErrorCategory category) {
        RetryPolicy own = byCategory.get(category);
        return own != null
                ? own.maxAttempts() > 1
                : fallback.maxAttempts() > 1 && !fallback.nonRetryable().contains(category);
    }

    /**
     * The delay before the next attempt, or empty when the work must not be retried.
     *
     * @param category why the attempt failed
     * @param failedAttempt 1-based number of the attempt that just failed (all categories count)
     * @param random source of jitter
     * @return the delay, or empty for "give up"
     */
    public Optional<Duration> nextDelay(ErrorCategory category, int failedAttempt, RandomGenerator random) {
        RetryPolicy own = byCategory.get(category);
        return own != null ? own.nextDelay(failedAttempt, random) : fallback.nextDelay(category, failedAttempt, random);
    }

    /**
     * The delay before the next attempt when the far side said when to come back: {@code retryAfter} as told
     * (capped at {@link #maxRetryAfter()}) while the category's attempts are not used up.
     *
     * @param retryAfter the far side's delay, or null when it named none
     */
    public Optional<Duration> nextDelay(
            ErrorCategory category, int failedAttempt, Duration retryAfter, RandomGenerator random) {
        Optional<Duration> ours = nextDelay(category, failedAttempt, random);
        if (ours.isEmpty() || retryAfter == null) {
            return ours;
        }
        return Optional.of(retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter);
    }

    @Override
    public String toString() {
        return "RetryStrategy[fallback=" + fallback + ", byCategory=" + byCategory + ", maxRetryAfter=" + maxRetryAfter
                + "]";
    }

    /** Builds a {@link RetryStrategy}. */
    public static final class Builder {
        private RetryPolicy fallback;
        private final Map<ErrorCategory, RetryPolicy> byCategory = new EnumMap<>(ErrorCategory.class);
        private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;

        private Builder(RetryPolicy fallback) {
            this.fallback = fallback;
        }

        /** The policy of categories without their own; its non-retryable categories are never retried. */
        public Builder fallback(RetryPolicy policy) {
            this.fallback = Objects.requireNonNull(policy, "fallback");
            return this;
        }

        /**
         * The policy of one category, replacing the one it had ({@link RetryPolicy#noRetries()} for "never").
         * The policy's own {@link RetryPolicy#nonRetryable()} set does not apply here: naming a category is the
         * decision.
         */
        public Builder category(ErrorCategory category, RetryPolicy policy) {
            if (category == null) {
                throw new ReportsValidationException("retry.category", "must name an error category, was null");
            }
            byCategory.put(category, Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /** Never retries these categories. */
        public Builder never(ErrorCategory... categories) {
            for (ErrorCategory c : List.of(categories)) {
                category(c, RetryPolicy.noRetries());
            }
            return this;
        }

        /** Longest {@code Retry-After} honoured, 1 s to 7 days (default 24 h). */
        public Builder maxRetryAfter(Duration value) {
            if (value == null
                    || value.compareTo(Duration.ofSeconds(1)) < 0
                    || value.compareTo(Duration.ofDays(7)) > 0) {
                throw new ReportsValidationException(
                        "retry.maxRetryAfter", "must be between 1 s and 7 days, was " + value);
            }
            this.maxRetryAfter = value;
            return this;
        }

        /** Builds the strategy. */
        public RetryStrategy build() {
            return new RetryStrategy(this);
        }
    }
}
