package io.scheduledreports.spring.internal;

import io.scheduledreports.core.ConfigurationReport;
import java.util.stream.Collectors;

/**
 * Thrown at start-up with {@code scheduled-reports.check-on-startup=true} when a configuration check failed; the
 * failure analyzer turns it into a short report naming each failed check and what to change.
 */
public final class ConfigurationCheckFailedException extends IllegalStateException {

    private final transient ConfigurationReport report;

    /** Creates the exception from a report with failures. */
    public ConfigurationCheckFailedException(ConfigurationReport report) {
        super("Scheduled Reports configuration check failed: "
                + report.failures().stream()
                        .map(c -> c.name() + ": " + c.message())
                        .collect(Collectors.joining("; ")));
        this.report = report;
    }

    /** The whole report. */
    public ConfigurationReport report() {
        return report;
    }
}
