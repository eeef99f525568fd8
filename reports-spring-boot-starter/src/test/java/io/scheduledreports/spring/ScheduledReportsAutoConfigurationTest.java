package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.core.fixtures.SalesReport;
import io.scheduledreports.delivery.email.EmailChannel;
import io.scheduledreports.delivery.email.EmailSettings;
import io.scheduledreports.delivery.email.SmtpSecurity;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spi.ReportsListener;
import io.scheduledreports.spring.internal.InvalidPropertyException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class ScheduledReportsAutoConfigurationTest {

    @TempDir
    Path artifacts;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class, ScheduledReportsAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "scheduled-reports.artifact-directory=" + artifacts,
                        "scheduled-reports.disk-guard.enabled=false",
                        "scheduled-reports.polling-interval=100ms");
    }

    @Test
    void startsTheEngineOnTheApplicationsDataSourceAndCreatesItsTables() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(ScheduledReports.class);
            assertThat(context.getBean(ScheduledReports.class).isStarted()).isTrue();
            try (Connection c = context.getBean(DataSource.class).getConnection();
                    ResultSet rs = c.getMetaData().getTables(null, null, "SCHEDULED_REPORTS", null)) {
                assertThat(rs.next()).as("scheduled_reports table created").isTrue();
            }
        });
    }

    @Test
    void closesTheEngineWithTheContext() {
        ScheduledReports[] engine = new ScheduledReports[1];
        runner().run(context -> engine[0] = context.getBean(ScheduledReports.class));
        assertThat(engine[0].isStarted()).isFalse();
    }

    @Test
    void registersReportTypeFormatterAndChannelBeans() {
        runner().withUserConfiguration(PlugIns.class).run(context -> {
            ScheduledReports reports = context.getBean(ScheduledReports.class);
            assertThat(reports.reportTypes()).containsExactly("sales");
            assertThat(reports.outputFormats()).containsExactlyInAnyOrder("csv", "xlsx", "pdf");
            assertThat(reports.channels()).containsExactly("memory");
        });
    }

    @Test
    void registersCsvXlsxAndPdfFromTheFormatsModule() {
        runner().run(context -> assertThat(
                        context.getBean(ScheduledReports.class).outputFormats())
                .containsExactlyInAnyOrder("csv", "xlsx", "pdf"));
    }

    @Test
    void aFormatterBeanReplacesTheDefaultWithItsId() {
        runner().withUserConfiguration(PlugIns.class).run(context -> {
            ScheduledReports reports = context.getBean(ScheduledReports.class);
            Actor alice = Actor.of("acme", "alice", Actor.CREATOR);
            var schedule = reports.create(
                    alice,
                    io.scheduledreports.core.ScheduleRequest.builder()
                            .name("Daily")
                            .reportType("sales")
                            .outputFormat("csv")
                            .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                            .build());
            String executionId = reports.runNow(alice, schedule.id()).id();
            Await.until(() -> reports.execution(alice, executionId).status().isFinal(), "the run to finish");
            try (var file = reports.openArtifact(alice, executionId)) {
                assertThat(file.mediaType()).isEqualTo(PlainCsvFormatter.MEDIA_TYPE);
            }
        });
    }

    @Test
    void hasNoDefaultFormattersWithoutTheFormatsModule() {
        runner().withClassLoader(new FilteredClassLoader("io.scheduledreports.formats"))
                .run(context -> assertThat(
                                context.getBean(ScheduledReports.class).outputFormats())
                        .isEmpty());
    }

    @Test
    void usesTheArtifactDirectoryProperty() {
        runner().run(context -> assertThat(context.getBean(ArtifactStore.class))
                .extracting("root")
                .isEqualTo(artifacts.toAbsolutePath().normalize()));
    }

    @Test
    void backsOffWhenTheApplicationDefinesTheEngine() {
        runner().withUserConfiguration(OwnEngine.class).run(context -> {
            assertThat(context).hasSingleBean(ScheduledReports.class);
            assertThat(context).getBean("ownEngine").isSameAs(context.getBean(ScheduledReports.class));
        });
    }

    @Test
    void backsOffForAnApplicationArtifactStore() {
        runner().withUserConfiguration(OwnStore.class)
                .run(context -> assertThat(context).getBean(ArtifactStore.class).isSameAs(context.getBean("ownStore")));
    }

    @Test
    void isOffWhenDisabled() {
        runner().withPropertyValues("scheduled-reports.enabled=false")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(ScheduledReports.class)
                        .doesNotHaveBean(ScheduledReportsProperties.class));
    }

    @Test
    void needsADataSource() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ScheduledReportsAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ScheduledReports.class));
    }

    @Test
    void appliesCustomizersInTheirOrderAfterTheProperties() {
        runner().withUserConfiguration(Customizers.class)
                .withPropertyValues("scheduled-reports.table-prefix=wrong_")
                .run(context -> {
                    assertThat(context.getBean("calls", List.class)).containsExactly("first", "second");
                    try (Connection c = context.getBean(DataSource.class).getConnection();
                            ResultSet rs = c.getMetaData().getTables(null, null, "CUSTOM_SCHEDULED_REPORTS", null)) {
                        assertThat(rs.next())
                                .as("the last customizer's table prefix wins over the property")
                                .isTrue();
                    }
                });
    }

    @Test
    void givesListenerBeansTheEngineEvents() {
        runner().withUserConfiguration(PlugIns.class, Listening.class).run(context -> {
            ScheduledReports reports = context.getBean(ScheduledReports.class);
            Actor alice = Actor.of("acme", "alice", Actor.CREATOR);
            var schedule = reports.create(
                    alice,
                    io.scheduledreports.core.ScheduleRequest.builder()
                            .name("Daily")
                            .reportType("sales")
                            .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                            .recipient("memory", "bob@example.com")
                            .build());
            reports.runNow(alice, schedule.id());
            Await.until(() -> !context.getBean(Listening.class).events.isEmpty(), "a listener event");
            assertThat(context.getBean(Listening.class).events).contains("started");
        });
    }

    @Test
    void configuresTheEmailChannelFromItsOwnProperties() {
        runner().withPropertyValues(
                        "scheduled-reports.email.host=smtp.example.com",
                        "scheduled-reports.email.port=2525",
                        "scheduled-reports.email.security=smtps",
                        "scheduled-reports.email.username=reports",
                        "scheduled-reports.email.password=secret",
                        "scheduled-reports.email.from=reports@example.com",
                        "scheduled-reports.email.from-name=Example Reports",
                        "scheduled-reports.email.max-attachment-size=2MB",
                        "scheduled-reports.email.compress-attachments=true",
                        "scheduled-reports.email.read-timeout=5s",
                        // Ignored: ours win over Boot's.
                        "spring.mail.host=other.example.com")
                .run(context -> {
                    EmailSettings s = context.getBean(EmailChannel.class).settings();
                    assertThat(s.host()).isEqualTo("smtp.example.com");
                    assertThat(s.port()).isEqualTo(2525);
                    assertThat(s.security()).isEqualTo(SmtpSecurity.SMTPS);
                    assertThat(s.username()).contains("reports");
                    assertThat(s.from()).isEqualTo("reports@example.com");
                    assertThat(s.fromName()).contains("Example Reports");
                    assertThat(s.maxAttachmentSize()).isEqualTo(2L * 1024 * 1024);
                    assertThat(s.compressAttachments()).isTrue();
                    assertThat(s.readTimeout()).hasSeconds(5);
                    assertThat(context.getBean(ScheduledReports.class).channels())
                            .containsExactly("email");
                });
    }

    @Test
    void takesTheMailServerFromSpringMailWhenItsOwnIsNotSet() {
        runner().withPropertyValues(
                        "spring.mail.host=mail.example.com",
                        "spring.mail.port=1025",
                        "spring.mail.username=u",
                        "spring.mail.password=p",
                        "spring.mail.properties.mail.smtp.starttls.enable=true",
                        "scheduled-reports.email.from=reports@example.com")
                .run(context -> {
                    EmailSettings s = context.getBean(EmailChannel.class).settings();
                    assertThat(s.host()).isEqualTo("mail.example.com");
                    assertThat(s.port()).isEqualTo(1025);
                    assertThat(s.username()).contains("u");
                    assertThat(s.security())
                            .as("credentials are never sent without TLS: 'enable' becomes 'required'")
                            .isEqualTo(SmtpSecurity.STARTTLS_REQUIRED);
                    assertThat(s.sessionProperties()).containsEntry("mail.smtp.starttls.enable", "true");
                });
    }

    @Test
    void hasNoEmailChannelWithoutAMailServer() {
        runner().run(context -> assertThat(context).doesNotHaveBean(EmailChannel.class));
    }

    @Test
    void hasNoEmailChannelWithoutTheEmailModule() {
        runner().withClassLoader(new FilteredClassLoader(EmailChannel.class))
                .withPropertyValues("scheduled-reports.email.host=smtp.example.com")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("scheduledReportsEmailChannel"));
    }

    @Test
    void stopsStartupNamingAnInvalidProperty() {
        assertStartupFails(
                runner().withPropertyValues("scheduled-reports.polling-interval=10ms"),
                "scheduled-reports.polling-interval",
                "must be between 50ms and 1h, was 10ms");
        assertStartupFails(
                runner().withPropertyValues("scheduled-reports.worker-threads=0"),
                "scheduled-reports.worker-threads",
                "must be 1-256, was 0");
        assertStartupFails(
                runner().withPropertyValues(
                                "scheduled-reports.generation-timeout=3h",
                                "scheduled-reports.max-generation-timeout=2h"),
                "scheduled-reports.generation-timeout",
                "must not exceed scheduled-reports.max-generation-timeout");
        assertStartupFails(
                runner().withPropertyValues("scheduled-reports.retry.delivery.jitter=2"),
                "scheduled-reports.retry.delivery.jitter",
                "must be 0-1");
        assertStartupFails(
                runner().withPropertyValues("scheduled-reports.quotas.max-recipients=0"),
                "scheduled-reports.quotas.max-recipients",
                "must be >= 1");
        assertStartupFails(
                runner().withPropertyValues(
                                "scheduled-reports.download-links.base-url=https://app.example.com/dl",
                                "scheduled-reports.download-links.keys.k1=c2hvcnQ="),
                "scheduled-reports.download-links.keys.k1",
                "must be at least 32 bytes");
        assertStartupFails(
                runner().withPropertyValues(
                                "scheduled-reports.email.host=smtp.example.com",
                                "scheduled-reports.email.from=reports@example.com",
                                "scheduled-reports.email.port=70000"),
                "scheduled-reports.email.port",
                "must be 1-65535");
        assertStartupFails(
                runner().withPropertyValues("spring.mail.host=smtp.example.com"),
                "scheduled-reports.email.from",
                "is required");
        assertStartupFails(
                runner().withPropertyValues(
                                "spring.mail.host=smtp.example.com",
                                "spring.mail.username=someone",
                                "scheduled-reports.email.from=reports@example.com"),
                "spring.mail.password",
                "is required when a username is set");
    }

    @Test
    void refusesADownloadBaseUrlThatIsTheApplicationRoot() {
        assertStartupFails(
                runner().withPropertyValues(
                                "scheduled-reports.download-links.keys.k1=" + "a".repeat(44),
                                "scheduled-reports.download-links.base-url=http://app.example.com"),
                "scheduled-reports.download-links.base-url",
                "not the application root");
        assertStartupFails(
                runner().withPropertyValues(
                                "scheduled-reports.download-links.keys.k1=" + "a".repeat(44),
                                "scheduled-reports.download-links.base-url=ftp://app.example.com/download"),
                "scheduled-reports.download-links.base-url",
                "http(s)");
    }

    @Test
    void saysWhyEmailIsOffWhenTheModuleIsPresentWithoutAMailServer() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(io.scheduledreports.spring.internal.EmailOffNotice.class);
            assertThat(context.getBean(ScheduledReports.class).channels()).doesNotContain("email");
        });
        runner().withPropertyValues("scheduled-reports.email.enabled=false")
                .run(context ->
                        assertThat(context).doesNotHaveBean(io.scheduledreports.spring.internal.EmailOffNotice.class));
        runner().withPropertyValues(
                        "scheduled-reports.email.host=smtp.example.com",
                        "scheduled-reports.email.from=reports@example.com")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(io.scheduledreports.spring.internal.EmailOffNotice.class);
                    assertThat(context.getBean(ScheduledReports.class).channels())
                            .contains("email");
                });
        assertThat(io.scheduledreports.spring.internal.EmailOffNotice.MESSAGE)
                .contains("scheduled-reports.email.host", "spring.mail.host", "scheduled-reports.email.enabled=false");
    }

    @Test
    void refusesAnArtifactDirectoryItCannotCreate(@TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("a-file"), "not a directory");
        assertStartupFails(
                runner().withPropertyValues("scheduled-reports.artifact-directory=" + file.resolve("sub")),
                "scheduled-reports.artifact-directory",
                "cannot create directory");
    }

    @Test
    void failureAdviceReadsAsASentence() {
        assertThat(io.scheduledreports.spring.internal.FailureAdvice.action(
                        "scheduled-reports.email.from",
                        "is required: the sender address of report e-mails, e.g. reports@example.com"))
                .isEqualTo("Set 'scheduled-reports.email.from' in your configuration (application.properties or"
                        + " application.yaml, or the matching environment variable): it is required (the sender"
                        + " address of report e-mails, e.g. reports@example.com).");
        assertThat(io.scheduledreports.spring.internal.FailureAdvice.action(
                        "scheduled-reports.worker-threads", "must be 1-256, was 0"))
                .endsWith(": the value must be 1-256.");
    }

    private static void assertStartupFails(ApplicationContextRunner runner, String property, String problem) {
        runner.run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            InvalidPropertyException root = findCause(failure, InvalidPropertyException.class);
            assertThat(root).as("cause naming the property, in %s", failure).isNotNull();
            assertThat(root.property()).isEqualTo(property);
            assertThat(root.problem()).contains(problem);
            FailureAnalysis analysis = FailureAnalyzers.analyze(failure);
            assertThat(analysis.getDescription()).contains("'" + property + "'").contains(problem);
            assertThat(analysis.getAction())
                    .startsWith((problem.startsWith("is required") ? "Set '" : "Change '") + property + "'")
                    .doesNotContain("a value that")
                    .endsWith(".");
        });
    }

    private static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

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
        RecordingChannel memory() {
            return new RecordingChannel("memory");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Listening implements ReportsListener {
        final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void executionStarted(io.scheduledreports.spi.ExecutionEvent event) {
            events.add("started");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEngine {
        @Bean
        ScheduledReports ownEngine(DataSource dataSource) {
            return ScheduledReports.builder(dataSource).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStore {
        @Bean
        ArtifactStore ownStore(@org.springframework.beans.factory.annotation.Value("${java.io.tmpdir}") Path tmp) {
            return new io.scheduledreports.core.artifact.LocalDirectoryArtifactStore(tmp.resolve("own-store"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        @Bean
        List<String> calls() {
            return new ArrayList<>();
        }

        @Bean
        @Order(2)
        ScheduledReportsBuilderCustomizer second(List<String> calls) {
            return builder -> {
                calls.add("second");
                builder.tablePrefix("custom_");
            };
        }

        @Bean
        @Order(1)
        ScheduledReportsBuilderCustomizer first(List<String> calls) {
            return builder -> {
                calls.add("first");
                builder.tablePrefix("other_");
            };
        }
    }

    /** Runs our failure analyzer as Boot does at start-up, after checking it is registered for that. */
    static final class FailureAnalyzers {
        static FailureAnalysis analyze(Throwable failure) throws Exception {
            String name = "io.scheduledreports.spring.internal.ScheduledReportsFailureAnalyzer";
            try (var in = FailureAnalyzers.class.getResourceAsStream("/META-INF/spring.factories")) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                        .contains(name);
            }
            var constructor = Class.forName(name).getDeclaredConstructor();
            constructor.setAccessible(true);
            FailureAnalysis analysis =
                    ((org.springframework.boot.diagnostics.FailureAnalyzer) constructor.newInstance()).analyze(failure);
            assertThat(analysis).as("analysis of %s", failure).isNotNull();
            return analysis;
        }
    }
}
