package io.scheduledreports.core;

import java.util.Map;

/**
 * Execution statistics for operators.
 *
 * @param countsByStatus executions per status, all time
 * @param successRate24h share of finished executions of the last 24 h that succeeded (0-1), or null if none
 * @param successRate7d the same over 7 days
 * @param successRate30d the same over 30 days
 * @param averageDurationMs average generation time over 30 days, or null
 * @param errorsByCategory failed attempts per error category over 24 h / 7 d / 30 d
 */
public record ExecutionStats(
        Map<ExecutionStatus, Long> countsByStatus,
        Double successRate24h,
        Double successRate7d,
        Double successRate30d,
        Double averageDurationMs,
        ErrorFrequency errorsByCategory) {

    /** Copies the counts. */
    public ExecutionStats {
        countsByStatus = Map.copyOf(countsByStatus);
    }
}
