package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scheduledreports.core.ExecutionStats;
import io.scheduledreports.core.ExecutionStatus;
import io.scheduledreports.spi.ErrorCategory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Execution statistics of a tenant.
 *
 * @param countsByStatus executions per status, every status listed
 * @param successRate24h share of finished executions of the last 24 hours that succeeded, or null
 * @param successRate7d the same over 7 days
 * @param successRate30d the same over 30 days
 * @param averageDurationMs average generation time over 30 days, or null
 * @param errorsByCategory failed attempts per error category: {@code last_24h}, {@code last_7d}, {@code last_30d}
 */
record StatsView(
        @JsonProperty("counts_by_status") Map<String, Long> countsByStatus,
        @JsonProperty("success_rate_24h") Double successRate24h,
        @JsonProperty("success_rate_7d") Double successRate7d,
        @JsonProperty("success_rate_30d") Double successRate30d,
        @JsonProperty("average_duration_ms") Double averageDurationMs,
        @JsonProperty("errors_by_category") Map<String, Map<String, Long>> errorsByCategory) {

    static StatsView of(ExecutionStats s) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ExecutionStatus status : ExecutionStatus.values()) {
            counts.put(status.name(), s.countsByStatus().getOrDefault(status, 0L));
        }
        Map<String, Map<String, Long>> errors = new LinkedHashMap<>();
        errors.put("last_24h", byCategory(s.errorsByCategory().last24h()));
        errors.put("last_7d", byCategory(s.errorsByCategory().last7d()));
        errors.put("last_30d", byCategory(s.errorsByCategory().last30d()));
        return new StatsView(
                counts, s.successRate24h(), s.successRate7d(), s.successRate30d(), s.averageDurationMs(), errors);
    }

    private static Map<String, Long> byCategory(Map<ErrorCategory, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (ErrorCategory c : ErrorCategory.values()) {
            out.put(c.name(), counts.getOrDefault(c, 0L));
        }
        return out;
    }
}
