package io.scheduledreports.core;

import io.scheduledreports.spi.ReportsValidationException;

/**
 * How many dead letters (work that failed for good) each tenant keeps and when listeners are told that they pile
 * up. Immutable; {@link #ofDefaults()}, {@link #builder()}, {@link #toBuilder()}.
 *
 * @param cap dead letters kept per tenant, 10-1,000,000 (default 1,000); above it the oldest closed (retried or
 *     resolved) ones are dropped first
 * @param alertThreshold unresolved dead letters per tenant above which listeners are told, 1-1,000,000 (default
 *     100)
 */
public record DeadLetterPolicy(int cap, int alertThreshold) {

    /** Default dead letters kept per tenant. */
    public static final int DEFAULT_CAP = 1_000;
    /** Default unresolved dead letters per tenant above which listeners are told. */
    public static final int DEFAULT_ALERT_THRESHOLD = 100;

    private static final DeadLetterPolicy DEFAULTS = new DeadLetterPolicy(DEFAULT_CAP, DEFAULT_ALERT_THRESHOLD);

    /** Validates the policy; messages name {@code deadLetterCap} and {@code deadLetterAlertThreshold}. */
    public DeadLetterPolicy {
        checkCap(cap);
        checkAlertThreshold(alertThreshold);
    }

    /** The defaults: 1,000 dead letters kept per tenant, listeners told above 100 unresolved ones. */
    public static DeadLetterPolicy ofDefaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from this policy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static int checkCap(int value) {
        if (value < 10 || value > 1_000_000) {
            throw new ReportsValidationException("deadLetterCap", "must be 10-1000000, was " + value);
        }
        return value;
    }

    private static int checkAlertThreshold(int value) {
        if (value < 1 || value > 1_000_000) {
            throw new ReportsValidationException("deadLetterAlertThreshold", "must be 1-1000000, was " + value);
        }
        return value;
    }

    /** Builds a {@link DeadLetterPolicy}; setters validate on the spot. */
    public static final class Builder {
        private int cap;
        private int alertThreshold;

        private Builder(DeadLetterPolicy base) {
            this.cap = base.cap;
            this.alertThreshold = base.alertThreshold;
        }

        /** Dead letters kept per tenant, 10-1,000,000 (default 1,000); the oldest closed ones are dropped first. */
        public Builder cap(int value) {
            this.cap = checkCap(value);
            return this;
        }

        /** Unresolved dead letters per tenant at which listeners are told, once per crossing; 1-1,000,000 (default 100). */
        public Builder alertThreshold(int value) {
            this.alertThreshold = checkAlertThreshold(value);
            return this;
        }

        /** Builds the policy. */
        public DeadLetterPolicy build() {
            return new DeadLetterPolicy(cap, alertThreshold);
        }
    }
}
