package io.scheduledreports.spring;

import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.core.fixtures.SalesReport;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The context runner the feature auto-configuration tests share: an in-memory H2 database, the sales report, CSV and
 * a recording {@code email} channel, files under a test's directory, and the feature's auto-configuration before
 * the engine's.
 */
final class AutoConfigurationRunners {

    private AutoConfigurationRunners() {}

    /** The plug-ins a host would declare. */
    @Configuration(proxyBeanMethods = false)
    static class PlugIns {
        @Bean
        SalesReport sales() {
            return new SalesReport();
        }

        @Bean
        PlainCsvFormatter csv() {
            return new PlainCsvFormatter();
        }

        @Bean
        RecordingChannel email() {
            return new RecordingChannel("email");
        }
    }

    /** A runner with {@code feature} auto-configured before the engine, keeping files under {@code artifacts}. */
    static ApplicationContextRunner withFeature(Class<?> feature, Path artifacts) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class, feature, ScheduledReportsAutoConfiguration.class))
                .withUserConfiguration(PlugIns.class)
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "scheduled-reports.artifact-directory=" + artifacts,
                        "scheduled-reports.disk-guard.enabled=false",
                        "scheduled-reports.polling-interval=100ms");
    }
}
