package io.scheduledreports.core.limits;

import io.scheduledreports.spi.Durations;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.Duration;

/**
 * A maximum number of sends per window for one delivery channel (per {@linkplain
 * io.scheduledreports.spi.DeliveryChannel#rateKey rate key} when the channel gives one), across all instances on
 * the database. Deliveries beyond it wait for their turn — deferred, not failed, no attempt used — and go out in
 * the order they asked.
 *
 * @param maxSends sends allowed per window, 1-1,000,000
 * @param window the window, 1 second to 1 day; windows are aligned to the epoch
 */
public record ChannelRateLimit(int maxSends, Duration window) {

    /** The window unless configured otherwise: one minute. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    /** Validates the limit. */
    public ChannelRateLimit {
        if (maxSends < 1 || maxSends > 1_000_000) {
            throw new ReportsValidationException("channelRateLimit.maxSends", "must be 1-1000000, was " + maxSends);
        }
        if (window == null
                || window.compareTo(Duration.ofSeconds(1)) < 0
                || window.compareTo(Duration.ofDays(1)) > 0
                || window.toMillis() * 1_000_000 != window.toNanos()) {
            throw new ReportsValidationException(
                    "channelRateLimit.window",
                    "must be whole milliseconds between 1s and 1d, was "
                            + (window == null ? "null" : Durations.format(window)));
        }
    }

    /** {@code maxSends} per minute. */
    public static ChannelRateLimit perMinute(int maxSends) {
        return new ChannelRateLimit(maxSends, DEFAULT_WINDOW);
    }
}
