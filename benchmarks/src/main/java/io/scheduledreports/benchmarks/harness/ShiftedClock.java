package io.scheduledreports.benchmarks.harness;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus an offset that can be changed while the engine runs ({@code ScheduledReports.Builder.clock}
 * is public API): the benchmarks make schedules created for a time of day hours ahead come due at a chosen real
 * instant, without touching the engine's tables.
 */
public final class ShiftedClock extends Clock {
    private volatile long offsetMs;

    /** Sets the offset: from now on this clock reads the system time plus {@code offsetMs}. */
    public void offsetMs(long offsetMs) {
        this.offsetMs = offsetMs;
    }

    /**
     * Shifts the clock so that it reads {@code due} at the real instant {@code realMillis} (epoch milliseconds).
     */
    public void dueAt(Instant due, long realMillis) {
        offsetMs(due.toEpochMilli() - realMillis);
    }

    /** The current offset in milliseconds. */
    public long offsetMs() {
        return offsetMs;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a shifted clock is always UTC");
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMs;
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(offsetMs);
    }
}
