package io.scheduledreports.core;

import io.scheduledreports.spi.Durations;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.Duration;

/**
 * Limits on manual runs ("run now"), so that one user cannot flood the queue and every recipient's inbox.
 * Immutable; {@link #ofDefaults()}: a manual run of a schedule at most every {@value #DEFAULT_COOLDOWN_SECONDS}
 * seconds, and at most {@value #DEFAULT_MAX_PER_TENANT_PER_HOUR} manual runs per tenant in any hour. Besides these,
 * a schedule never has two manual runs queued or running at once.
 *
 * @param cooldown shortest time between two manual runs of one schedule, 0 to 24 h ({@link Duration#ZERO} turns
 *     the cooldown off)
 * @param maxPerTenantPerHour manual runs a tenant may start in any sliding hour, 1-100,000
 */
public record ManualRunLimits(Duration cooldown, int maxPerTenantPerHour) {

    /** Default cooldown per schedule, in seconds. */
    public static final long DEFAULT_COOLDOWN_SECONDS = 60;
    /** Default cap of manual runs per tenant and hour. */
    public static final int DEFAULT_MAX_PER_TENANT_PER_HOUR = 60;

    private static final ManualRunLimits DEFAULTS =
            new ManualRunLimits(Duration.ofSeconds(DEFAULT_COOLDOWN_SECONDS), DEFAULT_MAX_PER_TENANT_PER_HOUR);

    /** Validates the limits. */
    public ManualRunLimits {
        if (cooldown == null || cooldown.isNegative() || cooldown.compareTo(Duration.ofHours(24)) > 0) {
            throw new ReportsValidationException(
                    "manualRuns.cooldown",
                    "must be between 0s and 24h, was " + (cooldown == null ? "null" : Durations.format(cooldown)));
        }
        if (maxPerTenantPerHour < 1 || maxPerTenantPerHour > 100_000) {
            throw new ReportsValidationException(
                    "manualRuns.maxPerTenantPerHour", "must be 1-100000, was " + maxPerTenantPerHour);
        }
    }

    /** The defaults: 60 s cooldown, 60 manual runs per tenant and hour. */
    public static ManualRunLimits ofDefaults() {
        return DEFAULTS;
    }

    /** These limits with another cooldown. */
    public ManualRunLimits withCooldown(Duration value) {
        return new ManualRunLimits(value, maxPerTenantPerHour);
    }

    /** These limits with another hourly cap per tenant. */
    public ManualRunLimits withMaxPerTenantPerHour(int value) {
        return new ManualRunLimits(cooldown, value);
    }
}
