package io.scheduledreports.core;

import io.scheduledreports.spi.ReportsException;
import java.time.Duration;
import java.util.Objects;

/**
 * A request came too soon: a {@link ManualRunLimits} limit (per-schedule cooldown or per-tenant hourly cap) is
 * reached. {@link #retryAfter()} says when the same request would be accepted.
 */
public class ReportsRateLimitedException extends ReportsException {
    private static final long serialVersionUID = 1L;

    private final String limit;
    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param limit the limit reached, e.g. {@code manual_runs.cooldown}
     * @param problem the limit and the count, for the message
     * @param retryAfter how long until the request would be accepted
     */
    public ReportsRateLimitedException(String limit, String problem, Duration retryAfter) {
        super(limit + ": " + problem + "; try again in " + seconds(retryAfter) + " s");
        this.limit = limit;
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    private static long seconds(Duration d) {
        return Math.max(1, d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0));
    }

    /** The limit reached, e.g. {@code manual_runs.per_tenant_per_hour}. */
    public String limit() {
        return limit;
    }

    /** How long until the request would be accepted. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@link #retryAfter()} in whole seconds, rounded up, at least 1 (for a {@code Retry-After} header). */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }
}
