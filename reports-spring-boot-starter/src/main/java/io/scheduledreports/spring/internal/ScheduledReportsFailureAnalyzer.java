package io.scheduledreports.spring.internal;

import io.scheduledreports.spi.ReportsValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Turns a refused configuration value into a short start-up report naming the property, where its value came from
 * (the file and line, or the environment variable, as Spring Boot's own analysis of
 * {@link org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException} shows it)
 * and the fix, instead of a stack of bean creation errors.
 */
class ScheduledReportsFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    /** Used by Spring Boot, which passes the application's environment so the analysis can name the origin. */
    public ScheduledReportsFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    ScheduledReportsFailureAnalyzer() {
        this(null);
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        InvalidPropertyException property = find(failure, InvalidPropertyException.class);
        if (property != null) {
            String origin = origin(property.property());
            return new FailureAnalysis(
                    "Scheduled Reports could not start: property '" + property.property() + "'"
                            + (origin == null ? "" : " (from " + origin + ")") + " " + property.problem() + ".",
                    FailureAdvice.action(property.property(), property.problem()),
                    property);
        }
        ConfigurationCheckFailedException check = find(failure, ConfigurationCheckFailedException.class);
        if (check != null) {
            StringBuilder description = new StringBuilder("Scheduled Reports could not start: the configuration check"
                    + " (scheduled-reports.check-on-startup=true) failed:");
            check.report()
                    .failures()
                    .forEach(c -> description
                            .append(System.lineSeparator())
                            .append("  - ")
                            .append(c.name())
                            .append(": ")
                            .append(c.message()));
            return new FailureAnalysis(
                    description.toString(),
                    "Fix what each failed check names (the Actuator endpoint 'scheduledreports' runs the same checks"
                            + " with their details), or set scheduled-reports.check-on-startup=false to start anyway.",
                    check);
        }
        ReportsValidationException cause = find(failure, ReportsValidationException.class);
        if (cause == null) {
            return null;
        }
        return new FailureAnalysis(
                "Scheduled Reports could not start: " + cause.getMessage() + ".",
                "Fix '" + cause.field() + "' in the Scheduled Reports beans (report types, formatters, channels)"
                        + " or ScheduledReportsBuilderCustomizer that set it.",
                cause);
    }

    private String origin(String property) {
        if (environment == null || !ConfigurationPropertyName.isValid(property)) {
            return null;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty value = source.getConfigurationProperty(name);
            if (value != null && value.getOrigin() != null) {
                return "'" + value.getOrigin() + "'";
            }
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
