package io.scheduledreports.core.limits;

import io.scheduledreports.spi.TenantLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link TenantLimiter} for one instance: permits live in memory, so the limit holds per instance (N
 * instances allow up to N times the limit). Leases still expire, so a permit leaked by a stuck thread returns.
 */
public final class InMemoryTenantLimiter implements TenantLimiter {

    private final TenantLimits limits;
    private final Clock clock;
    private final Map<String, Map<String, Instant>> held = new HashMap<>();

    /**
     * Creates the limiter.
     *
     * @param limits per-tenant limits
     * @param clock time source for leases
     */
    public InMemoryTenantLimiter(TenantLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Optional<Permit> tryAcquire(String tenantId, String workId, Duration lease) {
        Instant now = clock.instant();
        Map<String, Instant> permits = held.computeIfAbsent(tenantId, k -> new HashMap<>());
        permits.values().removeIf(expiry -> !expiry.isAfter(now));
        if (!permits.containsKey(workId) && permits.size() >= limits.limitOf(tenantId)) {
            return Optional.empty();
        }
        permits.put(workId, now.plus(lease));
        return Optional.of(new Permit() {
            @Override
            public void renew(Duration newLease) {
                synchronized (InMemoryTenantLimiter.this) {
                    permits.computeIfPresent(workId, (k, v) -> clock.instant().plus(newLease));
                }
            }

            @Override
            public void close() {
                synchronized (InMemoryTenantLimiter.this) {
                    permits.remove(workId);
                }
            }
        });
    }

    /** Permits currently held by a tenant (for tests and metrics). */
    public synchronized int held(String tenantId) {
        Instant now = clock.instant();
        return (int) held.getOrDefault(tenantId, Map.of()).values().stream()
                .filter(e -> e.isAfter(now))
                .count();
    }
}
