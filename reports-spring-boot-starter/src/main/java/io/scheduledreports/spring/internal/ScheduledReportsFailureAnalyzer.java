package io.scheduledreports.spring.internal;

import io.scheduledreports.spi.ReportsValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused configuration value into a short start-up report naming the property and the fix, instead of
 * a stack of bean creation errors.
 */
class ScheduledReportsFailureAnalyzer extends AbstractFailureAnalyzer<ReportsValidationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ReportsValidationException cause) {
        InvalidPropertyException property = findCause(rootFailure, InvalidPropertyException.class);
        if (property != null) {
            return new FailureAnalysis(
                    "Scheduled Reports could not start: property '" + property.property() + "' " + property.problem()
                            + ".",
                    "Change '" + property.property() + "' in your configuration (application.properties or"
                            + " application.yaml, or the matching environment variable) to a value that "
                            + rule(property.problem()) + ".",
                    property);
        }
        return new FailureAnalysis(
                "Scheduled Reports could not start: " + cause.getMessage() + ".",
                "Fix '" + cause.field() + "' in the Scheduled Reports beans (report types, formatters, channels)"
                        + " or ScheduledReportsBuilderCustomizer that set it.",
                cause);
    }

    /** "must be 1-256, was 0" reads as "must be 1-256" in the advice. */
    private static String rule(String problem) {
        int was = problem.lastIndexOf(", was ");
        String rule = was > 0 ? problem.substring(0, was) : problem;
        return rule.startsWith("must ") ? "satisfies: " + rule : "fixes: " + rule;
    }
}
