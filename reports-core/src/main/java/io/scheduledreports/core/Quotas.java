package io.scheduledreports.core;

import io.scheduledreports.spi.ReportsValidationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Limits checked when a schedule is created, updated or resumed: active schedules per owner and per tenant,
 * the shortest interval between two runs, and recipients per schedule. Immutable; defaults (after the product
 * plan): 10 per owner, 100 per tenant, 1 hour, 50 recipients. Per-tenant overrides replace the defaults for
 * one tenant.
 */
public final class Quotas {

    /** Default maximum of active schedules per owner. */
    public static final int DEFAULT_MAX_SCHEDULES_PER_OWNER = 10;
    /** Default maximum of active schedules per tenant. */
    public static final int DEFAULT_MAX_SCHEDULES_PER_TENANT = 100;
    /** Default shortest interval between two runs of one schedule. */
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofHours(1);
    /** Default maximum of recipients per schedule. */
    public static final int DEFAULT_MAX_RECIPIENTS = 50;

    private static final Quotas DEFAULTS = builder().build();

    /**
     * The limits for one tenant.
     *
     * @param maxSchedulesPerOwner active schedules per owner
     * @param maxSchedulesPerTenant active schedules per tenant
     * @param minInterval shortest interval between two runs
     * @param maxRecipients recipients per schedule
     */
    public record Limits(int maxSchedulesPerOwner, int maxSchedulesPerTenant, Duration minInterval, int maxRecipients) {

        /** Validates the limits. */
        public Limits {
            positive("quotas.maxSchedulesPerOwner", maxSchedulesPerOwner);
            positive("quotas.maxSchedulesPerTenant", maxSchedulesPerTenant);
            positive("quotas.maxRecipients", maxRecipients);
            Objects.requireNonNull(minInterval, "quotas.minInterval");
            if (minInterval.isNegative()) {
                throw new ReportsValidationException("quotas.minInterval", "must not be negative, was " + minInterval);
            }
        }

        private static void positive(String field, int value) {
            if (value < 1) {
                throw new ReportsValidationException(field, "must be >= 1, was " + value);
            }
        }
    }

    private final Limits defaults;
    private final Map<String, Limits> perTenant;

    private Quotas(Limits defaults, Map<String, Limits> perTenant) {
        this.defaults = defaults;
        this.perTenant = Map.copyOf(perTenant);
    }

    /** The defaults. */
    public static Quotas ofDefaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these quotas (defaults and per-tenant limits). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.defaults = defaults;
        b.perTenant.putAll(perTenant);
        return b;
    }

    /** The limits that apply to a tenant. */
    public Limits forTenant(String tenantId) {
        return perTenant.getOrDefault(tenantId, defaults);
    }

    /** Builds {@link Quotas}. */
    public static final class Builder {
        private Limits defaults = new Limits(
                DEFAULT_MAX_SCHEDULES_PER_OWNER,
                DEFAULT_MAX_SCHEDULES_PER_TENANT,
                DEFAULT_MIN_INTERVAL,
                DEFAULT_MAX_RECIPIENTS);
        private final Map<String, Limits> perTenant = new HashMap<>();

        private Builder() {}

        /** Default maximum of active schedules per owner. */
        public Builder maxSchedulesPerOwner(int value) {
            defaults = new Limits(
                    value, defaults.maxSchedulesPerTenant(), defaults.minInterval(), defaults.maxRecipients());
            return this;
        }

        /** Default maximum of active schedules per tenant. */
        public Builder maxSchedulesPerTenant(int value) {
            defaults = new Limits(
                    defaults.maxSchedulesPerOwner(), value, defaults.minInterval(), defaults.maxRecipients());
            return this;
        }

        /** Default shortest interval between two runs. */
        public Builder minInterval(Duration value) {
            defaults = new Limits(
                    defaults.maxSchedulesPerOwner(), defaults.maxSchedulesPerTenant(), value, defaults.maxRecipients());
            return this;
        }

        /** Default maximum of recipients per schedule. */
        public Builder maxRecipients(int value) {
            defaults = new Limits(
                    defaults.maxSchedulesPerOwner(), defaults.maxSchedulesPerTenant(), defaults.minInterval(), value);
            return this;
        }

        /** Limits for one tenant, replacing the defaults for it. */
        public Builder tenant(String tenantId, Limits limits) {
            perTenant.put(Objects.requireNonNull(tenantId, "tenantId"), Objects.requireNonNull(limits, "limits"));
            return this;
        }

        /** Builds the quotas. */
        public Quotas build() {
            return new Quotas(defaults, perTenant);
        }
    }
}
