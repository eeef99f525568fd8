package io.scheduledreports.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

class FailureAnalysisOriginTest {

    private static StandardEnvironment environment() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources()
                .addFirst(new OriginTrackedMapPropertySource(
                        "Config resource 'class path resource [application.properties]'",
                        Map.of(
                                "scheduled-reports.worker-threads",
                                OriginTrackedValue.of(
                                        "0",
                                        new TextResourceOrigin(
                                                new ClassPathResource("application.properties"),
                                                new TextResourceOrigin.Location(2, 34))))));
        return env;
    }

    @Test
    void aRefusedPropertyIsSpringBootsOwnInvalidValueExceptionAndTheAnalysisNamesWhereTheValueCameFrom() {
        InvalidPropertyException refused = new InvalidPropertyException(
                "scheduled-reports.worker-threads",
                "must be 1-256, was 0",
                new io.scheduledreports.spi.ReportsValidationException("workerThreads", "must be 1-256, was 0"));
        assertThat(refused).isInstanceOf(InvalidConfigurationPropertyValueException.class);
        assertThat(refused.getName()).isEqualTo("scheduled-reports.worker-threads");
        assertThat(refused.getValue()).isEqualTo("0");
        assertThat(refused.getReason()).isEqualTo("must be 1-256, was 0");

        FailureAnalysis analysis = new ScheduledReportsFailureAnalyzer(environment()).analyze(refused);
        assertThat(analysis.getDescription())
                .isEqualTo("Scheduled Reports could not start: property 'scheduled-reports.worker-threads' (from"
                        + " 'class path resource [application.properties] - 3:35') must be 1-256, was 0.");
        assertThat(analysis.getAction()).startsWith("Change 'scheduled-reports.worker-threads'");
    }

    @Test
    void withoutAnEnvironmentTheAnalysisStillNamesThePropertyAndTheFix() {
        FailureAnalysis analysis = new ScheduledReportsFailureAnalyzer()
                .analyze(new RuntimeException(
                        "wrapped", new InvalidPropertyException("scheduled-reports.email.from", "is required", null)));
        assertThat(analysis.getDescription())
                .isEqualTo("Scheduled Reports could not start: property 'scheduled-reports.email.from' is required.");
        assertThat(analysis.getAction()).startsWith("Set 'scheduled-reports.email.from'");
    }

    @Test
    void otherFailuresAreLeftToOtherAnalyzers() {
        assertThat(new ScheduledReportsFailureAnalyzer().analyze(new IllegalStateException("x")))
                .isNull();
    }
}
