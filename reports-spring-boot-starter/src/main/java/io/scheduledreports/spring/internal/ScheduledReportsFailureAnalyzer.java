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
                    FailureAdvice.action(property.property(), property.problem()),
                    property);
        }
        return new FailureAnalysis(
                "Scheduled Reports could not start: " + cause.getMessage() + ".",
                "Fix '" + cause.field() + "' in the Scheduled Reports beans (report types, formatters, channels)"
                        + " or ScheduledReportsBuilderCustomizer that set it.",
                cause);
    }
}
