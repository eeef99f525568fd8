package io.scheduledreports.core.limits;

import io.scheduledreports.spi.ReportsValidationException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many generations a tenant may run at the same time: a default and per-tenant overrides. Immutable.
 *
 * @see InMemoryTenantLimiter
 * @see JdbcTenantLimiter
 */
public final class TenantLimits {

    /** Default concurrent generations per tenant. */
    public static final int DEFAULT_LIMIT = 3;

    private final int defaultLimit;
    private final Map<String, Integer> overrides;

    private TenantLimits(int defaultLimit, Map<String, Integer> overrides) {
        this.defaultLimit = defaultLimit;
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * Limits with a default for every tenant.
     *
     * @param defaultLimit concurrent generations per tenant, 1-10,000
     */
    public static TenantLimits of(int defaultLimit) {
        return new TenantLimits(check("tenantLimits.default", defaultLimit), Map.of());
    }

    /** {@value #DEFAULT_LIMIT} per tenant. */
    public static TenantLimits ofDefaults() {
        return of(DEFAULT_LIMIT);
    }

    /** These limits with an override for one tenant. */
    public TenantLimits withTenant(String tenantId, int limit) {
        Map<String, Integer> copy = new HashMap<>(overrides);
        copy.put(Objects.requireNonNull(tenantId, "tenantId"), check("tenantLimits." + tenantId, limit));
        return new TenantLimits(defaultLimit, copy);
    }

    /** The limit of a tenant. */
    public int limitOf(String tenantId) {
        return overrides.getOrDefault(tenantId, defaultLimit);
    }

    private static int check(String field, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new ReportsValidationException(field, "must be 1-10000, was " + limit);
        }
        return limit;
    }

    @Override
    public String toString() {
        return "TenantLimits[default=" + defaultLimit + ", overrides=" + overrides + "]";
    }
}
