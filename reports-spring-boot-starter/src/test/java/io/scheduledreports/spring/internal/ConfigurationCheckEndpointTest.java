package io.scheduledreports.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.spring.ScheduledReportsAutoConfiguration;
import io.scheduledreports.spring.ScheduledReportsBuilderCustomizer;
import io.scheduledreports.spring.ScheduledReportsOperationsAutoConfiguration;
import io.scheduledreports.spring.internal.actuate.ScheduledReportsEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The Actuator endpoint {@code scheduledreports} runs the configuration check; with
 * {@code scheduled-reports.check-on-startup=true} a failed check stops the application with a failure analysis that
 * names each failed check.
 */
class ConfigurationCheckEndpointTest {

    @TempDir
    Path artifacts;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        ScheduledReportsAutoConfiguration.class,
                        ScheduledReportsOperationsAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "scheduled-reports.artifact-directory=" + artifacts,
                        "scheduled-reports.email.enabled=false");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEndpointRunsTheChecksWhenExposed() {
        runner().withPropertyValues("management.endpoints.web.exposure.include=scheduledreports")
                .run(context -> {
                    assertThat(context).hasSingleBean(ScheduledReportsEndpoint.class);
                    Map<String, Object> body =
                            context.getBean(ScheduledReportsEndpoint.class).check();
                    assertThat(body).containsEntry("status", "OK").containsKey("checked_at");
                    List<Map<String, Object>> checks = (List<Map<String, Object>>) body.get("checks");
                    assertThat(checks)
                            .extracting(c -> c.get("name"))
                            .containsExactly("database", "artifactStore", "signingKeys", "clock");
                    assertThat(checks.get(0)).containsEntry("status", "OK");
                });
        runner().run(context -> assertThat(context)
                .as("not exposed: no endpoint bean")
                .doesNotHaveBean(ScheduledReportsEndpoint.class));
    }

    @Test
    void aPassingCheckOnStartupLetsTheApplicationStart() {
        runner().withPropertyValues("scheduled-reports.check-on-startup=true")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aFailedCheckOnStartupStopsTheApplicationNamingTheCheck() throws Exception {
        // the directory exists when the store is built, then its in-progress directory is replaced by a file
        Path broken = artifacts.resolve("broken");
        Files.createDirectories(broken.resolve(".incoming"));
        runner().withPropertyValues(
                        "scheduled-reports.check-on-startup=true", "scheduled-reports.artifact-directory=" + broken)
                .withBean("breakAfterBuild", ScheduledReportsBuilderCustomizer.class, () -> builder -> {
                    try {
                        Files.delete(broken.resolve(".incoming"));
                        Files.writeString(broken.resolve(".incoming"), "not a directory");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    FailureAnalysis analysis = new ScheduledReportsFailureAnalyzer().analyze(failure);
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription())
                            .startsWith("Scheduled Reports could not start: the configuration check"
                                    + " (scheduled-reports.check-on-startup=true) failed:")
                            .contains("- artifactStore: cannot write, read and delete a file:");
                    assertThat(analysis.getAction()).contains("scheduled-reports.check-on-startup=false");
                    assertThat(analysis.getCause()).isInstanceOf(ConfigurationCheckFailedException.class);
                });
    }
}
