package io.scheduledreports.core;

import io.scheduledreports.spi.ReportsValidationException;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Refuses to start generations while the artifact store is short of space: below {@code floorBytes} work is
 * deferred (not failed) and retried shortly; below {@code warnBytes} a warning is logged. The free-space probe
 * defaults to the store's {@link io.scheduledreports.spi.ArtifactStore#usableSpace()} and can be replaced (tests).
 *
 * @param floorBytes refuse below this many free bytes (default 1 GB)
 * @param warnBytes warn below this many free bytes (default 5 GB)
 * @param probe free bytes now, or null to ask the artifact store
 */
public record DiskGuard(long floorBytes, long warnBytes, Supplier<OptionalLong> probe) {

    /** Default floor: 1 GB. */
    public static final long DEFAULT_FLOOR_BYTES = 1L << 30;
    /** Default warning level: 5 GB. */
    public static final long DEFAULT_WARN_BYTES = 5L << 30;

    /** Validates the levels. */
    public DiskGuard {
        if (floorBytes < 0 || warnBytes < floorBytes) {
            throw new ReportsValidationException(
                    "diskGuard", "need 0 <= floorBytes <= warnBytes, was floor " + floorBytes + ", warn " + warnBytes);
        }
    }

    /** 1 GB floor, 5 GB warning, the store's own probe. */
    public static DiskGuard ofDefaults() {
        return new DiskGuard(DEFAULT_FLOOR_BYTES, DEFAULT_WARN_BYTES, null);
    }

    /** No guard. */
    public static DiskGuard disabled() {
        return new DiskGuard(0, 0, null);
    }

    /** These levels with another probe. */
    public DiskGuard withProbe(Supplier<OptionalLong> newProbe) {
        return new DiskGuard(floorBytes, warnBytes, newProbe);
    }
}
