package io.scheduledreports.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether a tenant may start another report generation now, so one tenant cannot take every worker.
 *
 * <p>Permits are leases: a permit not renewed before its lease runs out is released automatically, so the
 * permits of an instance that died return to the pool. A tenant without a permit is deferred, not failed.
 */
public interface TenantLimiter {

    /**
     * Tries to take a permit for one generation.
     *
     * @param tenantId the tenant
     * @param workId the execution id; taking a permit twice for the same work returns the same permit
     * @param lease how long the permit lasts unless renewed
     * @return a permit, or empty when the tenant is at its limit
     */
    Optional<Permit> tryAcquire(String tenantId, String workId, Duration lease);

    /** A held permit. Close it when the generation ends. */
    interface Permit extends AutoCloseable {

        /**
         * Extends the lease from now.
         *
         * @param lease the new lease length
         */
        void renew(Duration lease);

        /** Returns the permit. Idempotent. */
        @Override
        void close();
    }

    /** A limiter that always grants a permit. */
    static TenantLimiter unlimited() {
        Permit permit = new Permit() {
            @Override
            public void renew(Duration lease) {}

            @Override
            public void close() {}
        };
        return (tenantId, workId, lease) -> Optional.of(permit);
    }
}
