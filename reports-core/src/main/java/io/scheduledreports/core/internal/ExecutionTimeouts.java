package io.scheduledreports.core.internal;

import io.scheduledreports.core.ScheduleWarning;
import io.scheduledreports.core.internal.Rows.ExecutionRow;
import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.spi.Durations;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.Duration;
import java.util.Optional;

/**
 * Timeouts of executions (seed 004, R7.7-7.10): the effective timeout (a one-off override of the execution, else
 * the schedule's, else the engine default; never above the engine maximum) is stored with the execution when an
 * attempt starts, and a schedule asking for more than {@link #LONG} gets a warning.
 */
final class ExecutionTimeouts {

    /** Timeouts above this get a {@link ScheduleWarning.Code#LONG_TIMEOUT} warning. */
    static final Duration LONG = Duration.ofHours(1);

    private ExecutionTimeouts() {}

    /** The timeout an attempt of {@code e} runs under. */
    static Duration effective(EngineConfig config, ExecutionRow e, ScheduleRow s) {
        return capped(config, e.timeoutSeconds() != null ? e.timeoutSeconds() : s.timeoutSeconds());
    }

    /** The timeout of a schedule's runs without a one-off override: its own, else the default, at most the maximum. */
    static Duration ofSchedule(EngineConfig config, ScheduleRow s) {
        return capped(config, s.timeoutSeconds());
    }

    private static Duration capped(EngineConfig config, Integer seconds) {
        Duration requested = seconds == null ? config.generationTimeout() : Duration.ofSeconds(seconds);
        return requested.compareTo(config.maxGenerationTimeout()) > 0 ? config.maxGenerationTimeout() : requested;
    }

    /** A one-off override, checked against the engine maximum. */
    static Duration checkOverride(EngineConfig config, Duration timeout) {
        if (timeout == null
                || timeout.compareTo(Duration.ofSeconds(1)) < 0
                || timeout.compareTo(config.maxGenerationTimeout()) > 0) {
            throw new ReportsValidationException(
                    "timeout",
                    "must be between 1 s and the engine maximum of " + Durations.format(config.maxGenerationTimeout())
                            + " (maxGenerationTimeout), was " + (timeout == null ? "null" : Durations.format(timeout)));
        }
        return timeout;
    }

    /** The warning of a requested schedule timeout above one hour, if it is. */
    static Optional<ScheduleWarning> warning(Duration requested) {
        if (requested == null || requested.compareTo(LONG) <= 0) {
            return Optional.empty();
        }
        return Optional.of(new ScheduleWarning(
                ScheduleWarning.Code.LONG_TIMEOUT,
                "a timeout of " + Durations.format(requested) + " is above one hour: a hung report holds a worker"
                        + " and its tenant's generation slot that long before it is stopped",
                "timeout"));
    }
}
