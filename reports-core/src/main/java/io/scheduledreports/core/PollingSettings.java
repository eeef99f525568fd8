package io.scheduledreports.core;

import io.scheduledreports.spi.Durations;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.Duration;

/**
 * How this instance looks for due work and how the cluster tells that an instance died: the poll for due
 * generations and deliveries, the heartbeat every instance writes on its running work, and how many missed beats
 * make running work dead so that another instance takes it over (at its original due time). Immutable;
 * {@link #ofDefaults()}, {@link #builder()}, {@link #toBuilder()}. With the defaults a killed instance's work is
 * taken over after 30 s (6 missed beats of 5 s), see RELIABILITY.md.
 *
 * @param pollingInterval how often due work is looked for, 50 ms to 1 h (default 10 s)
 * @param heartbeatInterval heartbeat of running work, 100 ms to 1 h (default 5 s)
 * @param missedHeartbeatsLimit missed heartbeats before running work counts as dead and is taken over, 4-100
 *     (default 6)
 * @param batchFiringSize when timers fall behind (a worker picks one more than a polling interval plus 0.5 s after
 *     it was due, e.g. thousands of schedules due in the same minute), how many other due schedules that worker
 *     fires per transaction (it fires batches while they come back full, for at most 5 s), queueing their reports
 *     for every worker: 0 (off: each timer fires its own schedule and runs its report) to 1,000 (default 200).
 *     PostgreSQL and MariaDB; H2 fires one by one.
 */
public record PollingSettings(
        Duration pollingInterval, Duration heartbeatInterval, int missedHeartbeatsLimit, int batchFiringSize) {

    /** Default polling interval. */
    public static final Duration DEFAULT_POLLING_INTERVAL = Duration.ofSeconds(10);
    /**
     * Default heartbeat interval; an execution is dead after {@link #DEFAULT_MISSED_HEARTBEATS} missed beats.
     * 5 s x 6 declares a killed instance dead after 30 s and another instance takes its work over within about
     * 30-50 s (dead executions are looked for every two heartbeats), while a stop-the-world pause below ~25 s
     * is no false alarm (and a false alarm is harmless: the attempt number fences the slow instance out).
     */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    /** Default missed heartbeats before another instance takes over a running execution. */
    public static final int DEFAULT_MISSED_HEARTBEATS = 6;
    /** Default number of due schedules a worker fires in one transaction when timers fall behind. */
    public static final int DEFAULT_BATCH_FIRING_SIZE = 200;

    private static final PollingSettings DEFAULTS = new PollingSettings(
            DEFAULT_POLLING_INTERVAL, DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_MISSED_HEARTBEATS, DEFAULT_BATCH_FIRING_SIZE);

    /** Validates the settings; each message names the setting, e.g. {@code pollingInterval}. */
    public PollingSettings {
        checkPollingInterval(pollingInterval);
        checkHeartbeatInterval(heartbeatInterval);
        checkMissedHeartbeatsLimit(missedHeartbeatsLimit);
        checkBatchFiringSize(batchFiringSize);
    }

    /**
     * Settings with the default batch firing size ({@value #DEFAULT_BATCH_FIRING_SIZE}).
     *
     * @param pollingInterval how often due work is looked for, 50 ms to 1 h
     * @param heartbeatInterval heartbeat of running work, 100 ms to 1 h
     * @param missedHeartbeatsLimit missed heartbeats before running work is taken over, 4-100
     */
    public PollingSettings(Duration pollingInterval, Duration heartbeatInterval, int missedHeartbeatsLimit) {
        this(pollingInterval, heartbeatInterval, missedHeartbeatsLimit, DEFAULT_BATCH_FIRING_SIZE);
    }

    /** The defaults: poll every 10 s, heartbeat every 5 s, dead after 6 missed beats, batches of 200 when behind. */
    public static PollingSettings ofDefaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static Duration checkPollingInterval(Duration value) {
        return within("pollingInterval", value, Duration.ofMillis(50), Duration.ofHours(1));
    }

    private static Duration checkHeartbeatInterval(Duration value) {
        return within("heartbeatInterval", value, Duration.ofMillis(100), Duration.ofHours(1));
    }

    private static int checkMissedHeartbeatsLimit(int value) {
        if (value < 4 || value > 100) {
            throw new ReportsValidationException("missedHeartbeatsLimit", "must be 4-100, was " + value);
        }
        return value;
    }

    private static int checkBatchFiringSize(int value) {
        if (value < 0 || value > 1_000) {
            throw new ReportsValidationException("batchFiringSize", "must be 0 (off) to 1000, was " + value);
        }
        return value;
    }

    static Duration within(String field, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ReportsValidationException(
                    field,
                    "must be between " + Durations.format(min) + " and " + Durations.format(max) + ", was "
                            + (value == null ? "null" : Durations.format(value)));
        }
        return value;
    }

    /** Builds {@link PollingSettings}; setters validate on the spot. */
    public static final class Builder {
        private Duration pollingInterval;
        private Duration heartbeatInterval;
        private int missedHeartbeatsLimit;
        private int batchFiringSize;

        private Builder(PollingSettings base) {
            this.pollingInterval = base.pollingInterval;
            this.heartbeatInterval = base.heartbeatInterval;
            this.missedHeartbeatsLimit = base.missedHeartbeatsLimit;
            this.batchFiringSize = base.batchFiringSize;
        }

        /** How often due work is looked for, 50 ms to 1 h (default 10 s). */
        public Builder pollingInterval(Duration value) {
            this.pollingInterval = checkPollingInterval(value);
            return this;
        }

        /** Heartbeat of running work, 100 ms to 1 h (default 5 s). */
        public Builder heartbeatInterval(Duration value) {
            this.heartbeatInterval = checkHeartbeatInterval(value);
            return this;
        }

        /** Missed heartbeats before running work counts as dead and is taken over, 4-100 (default 6). */
        public Builder missedHeartbeatsLimit(int value) {
            this.missedHeartbeatsLimit = checkMissedHeartbeatsLimit(value);
            return this;
        }

        /**
         * How many other due schedules a worker fires in one transaction when timers fall behind, 0 (off) to 1,000
         * (default 200).
         */
        public Builder batchFiringSize(int value) {
            this.batchFiringSize = checkBatchFiringSize(value);
            return this;
        }

        /** Builds the settings. */
        public PollingSettings build() {
            return new PollingSettings(pollingInterval, heartbeatInterval, missedHeartbeatsLimit, batchFiringSize);
        }
    }
}
