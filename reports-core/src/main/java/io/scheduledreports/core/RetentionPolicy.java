package io.scheduledreports.core;

import io.scheduledreports.spi.Durations;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How long generated files and execution history are kept. A daily job deletes files older than the artifact
 * retention and marks their executions {@link ExecutionStatus#EXPIRED} (the history row stays, "available
 * until" is shown by the API), and purges execution rows older than the history retention. Immutable.
 *
 * <p>No file retention, default or per tenant, may be longer than the history retention, and a history row is
 * purged only once its file is deleted, so no file is ever left without the row that finds it. A file whose
 * delete fails keeps its execution as it was; the next run of the job tries again.
 *
 * @param artifactRetention how long files are kept (default 90 days)
 * @param historyRetention how long execution rows are kept (default 1 year)
 * @param tenantArtifactRetention per-tenant file retention overrides
 */
public record RetentionPolicy(
        Duration artifactRetention, Duration historyRetention, Map<String, Duration> tenantArtifactRetention) {

    /** Default file retention. */
    public static final Duration DEFAULT_ARTIFACT_RETENTION = Duration.ofDays(90);
    /** Default history retention. */
    public static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofDays(365);

    /** Validates the policy. */
    public RetentionPolicy {
        check("retention.artifacts", artifactRetention);
        check("retention.history", historyRetention);
        if (historyRetention.compareTo(artifactRetention) < 0) {
            throw new ReportsValidationException(
                    "retention.history",
                    "must not be shorter than retention.artifacts (" + artifactRetention + "), was "
                            + historyRetention);
        }
        tenantArtifactRetention = Map.copyOf(tenantArtifactRetention == null ? Map.of() : tenantArtifactRetention);
        tenantArtifactRetention.forEach((tenant, d) -> {
            check("retention.tenants." + tenant, d);
            if (d.compareTo(historyRetention) > 0) {
                // history rows would be purged while their files are still kept: nobody could find the file
                throw new ReportsValidationException(
                        "retention.tenants." + tenant,
                        "a tenant's file retention must not be longer than retention.history ("
                                + Durations.format(historyRetention) + "), was " + Durations.format(d)
                                + "; shorten the override or raise retention.history");
            }
        });
    }

    private static void check(String field, Duration d) {
        if (d == null || d.compareTo(Duration.ofHours(1)) < 0 || d.compareTo(Duration.ofDays(3653)) > 0) {
            throw new ReportsValidationException(
                    field,
                    "must be between 1h and 3653d (10 years), was " + (d == null ? "null" : Durations.format(d)));
        }
    }

    /** 90 days of files, 1 year of history. */
    public static RetentionPolicy ofDefaults() {
        return new RetentionPolicy(DEFAULT_ARTIFACT_RETENTION, DEFAULT_HISTORY_RETENTION, Map.of());
    }

    /** File retention of a tenant. */
    public Duration artifactRetentionFor(String tenantId) {
        return tenantArtifactRetention.getOrDefault(tenantId, artifactRetention);
    }

    /** This policy with another default file retention. */
    public RetentionPolicy withArtifactRetention(Duration d) {
        return new RetentionPolicy(
                d, historyRetention.compareTo(d) < 0 ? d : historyRetention, tenantArtifactRetention);
    }

    /** This policy with another history retention. */
    public RetentionPolicy withHistoryRetention(Duration d) {
        return new RetentionPolicy(artifactRetention, d, tenantArtifactRetention);
    }

    /** This policy with a file retention override for one tenant. */
    public RetentionPolicy withTenant(String tenantId, Duration d) {
        Map<String, Duration> copy = new HashMap<>(tenantArtifactRetention);
        copy.put(Objects.requireNonNull(tenantId, "tenantId"), d);
        return new RetentionPolicy(artifactRetention, historyRetention, copy);
    }
}
