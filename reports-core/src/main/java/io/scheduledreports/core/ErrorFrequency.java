package io.scheduledreports.core;

import io.scheduledreports.spi.ErrorCategory;
import java.util.Map;

/**
 * Failed attempts (generations and deliveries, retried or not) per error category over three windows, for trend
 * analysis (seed 004, R6.10). Every category is present, with 0 when none failed.
 *
 * @param last24h counts over the last 24 hours
 * @param last7d counts over the last 7 days
 * @param last30d counts over the last 30 days
 */
public record ErrorFrequency(
        Map<ErrorCategory, Long> last24h, Map<ErrorCategory, Long> last7d, Map<ErrorCategory, Long> last30d) {

    /** Copies the maps. */
    public ErrorFrequency {
        last24h = Map.copyOf(last24h);
        last7d = Map.copyOf(last7d);
        last30d = Map.copyOf(last30d);
    }
}
