package io.scheduledreports.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.artifact.LocalDirectoryArtifactStore;
import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spring.ScheduledReportsAutoConfiguration;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** No temp-directory default: a directory or an ArtifactStore bean is required, and the failure says so. */
class ArtifactStoreRequiredTest {

    @TempDir
    static Path tmp;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, ScheduledReportsAutoConfiguration.class))
            .withPropertyValues(
                    "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "scheduled-reports.disk-guard.enabled=false");

    @Test
    void withoutADirectoryOrAStoreStartUpFailsNamingBothOptions() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new ScheduledReportsFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .contains("property 'scheduled-reports.artifact-directory' is required")
                    .contains("ArtifactStore bean");
            assertThat(analysis.getAction()).contains("scheduled-reports.artifact-directory");
        });
    }

    @Test
    void anArtifactStoreBeanIsEnoughWithoutADirectory() {
        runner.withUserConfiguration(OwnStore.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ScheduledReports.class).isStarted()).isTrue();
            assertThat(context.getBean(ArtifactStore.class)).isSameAs(context.getBean("ownStore"));
        });
    }

    @Test
    void aDirectoryIsCreatedPrivate() {
        Path dir = tmp.resolve("reports-" + UUID.randomUUID());
        runner.withPropertyValues("scheduled-reports.artifact-directory=" + dir).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                            java.nio.file.Files.getPosixFilePermissions(dir)))
                    .isEqualTo("rwx------");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStore {
        @Bean
        ArtifactStore ownStore() {
            return new LocalDirectoryArtifactStore(tmp.resolve("own"));
        }
    }
}
