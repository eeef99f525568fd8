package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.fixtures.SalesReport;
import io.scheduledreports.delivery.http.OutboundHttp;
import io.scheduledreports.delivery.slack.FakeSlack;
import io.scheduledreports.delivery.slack.SlackChannel;
import io.scheduledreports.delivery.slack.SlackSettings;
import io.scheduledreports.delivery.webhook.WebhookChannel;
import io.scheduledreports.delivery.webhook.WebhookSettings;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsValidationException;
import io.scheduledreports.spi.SecretResolver;
import io.scheduledreports.spring.internal.EnvironmentSecretResolver;
import io.scheduledreports.spring.internal.InvalidPropertyException;
import io.scheduledreports.spring.internal.actuate.SlackHealthIndicator;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ScheduledReportsChannelsAutoConfigurationTest {

    @TempDir
    Path artifacts;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        ScheduledReportsSecretsAutoConfiguration.class,
                        ScheduledReportsWebhookAutoConfiguration.class,
                        ScheduledReportsSlackAutoConfiguration.class,
                        ScheduledReportsAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "scheduled-reports.artifact-directory=" + artifacts,
                        "scheduled-reports.disk-guard.enabled=false");
    }

    @Test
    void registersTheWebhookAndSlackChannelsWithTheEngine() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(WebhookChannel.class).hasSingleBean(SlackChannel.class);
            assertThat(context.getBean(ScheduledReports.class).channels())
                    .containsExactlyInAnyOrder("webhook", "slack");
            assertThat(context.getBean(SecretResolver.class)).isInstanceOf(EnvironmentSecretResolver.class);
        });
    }

    @Test
    void secretsComeFromPropertiesThenReportsSecretVariables() {
        runner().withPropertyValues(
                        "scheduled-reports.secrets.hook-signing=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        "REPORTS_SECRET_SLACK_BOT=xoxb-from-variable")
                .run(context -> {
                    SecretResolver secrets = context.getBean(SecretResolver.class);
                    assertThat(secrets.resolve("hook-signing")).hasValue("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
                    assertThat(secrets.resolve("slack.bot")).hasValue("xoxb-from-variable");
                    assertThat(secrets.resolve("missing")).isEmpty();
                    assertThat(secrets.toString()).doesNotContain("xoxb");
                });
    }

    @Test
    void aHostsSecretResolverReplacesTheEnvironmentOne() {
        runner().withUserConfiguration(HostSecrets.class)
                .withPropertyValues("scheduled-reports.slack.default-bot-token=vault-bot")
                .run(context -> {
                    assertThat(context.getBean(SecretResolver.class)).isNotInstanceOf(EnvironmentSecretResolver.class);
                    context.getBean(SlackChannel.class).validateRecipient(Recipient.of("slack", "C0123ABCD"));
                });
    }

    @Test
    void propertiesReachTheChannelSettings() {
        runner().withPropertyValues(
                        "scheduled-reports.webhook.allow=hooks.internal.example.com,10.20.0.0/16",
                        "scheduled-reports.webhook.allow-plain-http=true",
                        "scheduled-reports.webhook.max-file-size=2MB",
                        "scheduled-reports.webhook.read-timeout=5s",
                        "scheduled-reports.webhook.default-signing-secret=hook-signing",
                        "scheduled-reports.slack.api-base-url=https://slack.internal.example.com/api",
                        "scheduled-reports.slack.default-bot-token=slack-bot",
                        "scheduled-reports.slack.max-file-size=0",
                        "scheduled-reports.slack.max-retry-after=10m")
                .run(context -> {
                    WebhookSettings w = context.getBean(WebhookChannel.class).settings();
                    assertThat(w.policy().allowsPlainHttp()).isTrue();
                    assertThat(w.policy().toString()).contains("hooks.internal.example.com", "10.20.0.0/16");
                    assertThat(w.maxFileSize()).isEqualTo(2L * 1024 * 1024);
                    assertThat(w.readTimeout()).hasSeconds(5);
                    assertThat(w.defaultSigningSecret()).isEqualTo("hook-signing");
                    SlackSettings s = context.getBean(SlackChannel.class).settings();
                    assertThat(s.apiBaseUrl()).isEqualTo(URI.create("https://slack.internal.example.com/api/"));
                    assertThat(s.defaultBotToken()).isEqualTo("slack-bot");
                    assertThat(s.maxFileSize()).isZero();
                    assertThat(s.maxRetryAfter()).hasMinutes(10);
                });
    }

    @Test
    void aBadAllowlistEntryStopsStartUpNamingTheProperty() {
        runner().withPropertyValues("scheduled-reports.webhook.allow=hooks.example.com,10.0.0.0/33")
                .run(context -> assertThat(invalidProperty(context.getStartupFailure()))
                        .satisfies(e -> assertThat(e.property()).isEqualTo("scheduled-reports.webhook.allow[1]"))
                        .hasMessageContaining("10.0.0.0/33"));
        runner().withPropertyValues("scheduled-reports.slack.read-timeout=0s")
                .run(context -> assertThat(
                                invalidProperty(context.getStartupFailure()).property())
                        .isEqualTo("scheduled-reports.slack.read-timeout"));
    }

    @Test
    void anUnknownSecretNameIsRefusedWhenTheScheduleIsCreated() {
        runner().withUserConfiguration(Sales.class)
                .withPropertyValues("scheduled-reports.secrets.hook-signing=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .run(context -> {
                    ScheduledReports reports = context.getBean(ScheduledReports.class);
                    Actor alice = Actor.of("acme", "alice");
                    ScheduleRequest.Builder request = ScheduleRequest.builder()
                            .name("Sales")
                            .reportType("sales")
                            .outputFormat("csv")
                            .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}");

                    assertThatThrownBy(() -> reports.create(
                                    alice,
                                    request.recipient(new Recipient(
                                                    null,
                                                    "webhook",
                                                    "https://hooks.example.com/in",
                                                    Map.of("signing_secret", "typo")))
                                            .build()))
                            .isInstanceOfSatisfying(
                                    ReportsValidationException.class,
                                    e -> assertThat(e.field()).contains("options.signing_secret"))
                            .hasMessageContaining("unknown secret 'typo'");
                    assertThatThrownBy(() -> reports.create(
                                    alice,
                                    ScheduleRequest.builder()
                                            .name("Sales")
                                            .reportType("sales")
                                            .outputFormat("csv")
                                            .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                                            .recipient("slack", "C0123ABCD")
                                            .build()))
                            .isInstanceOf(ReportsValidationException.class)
                            .hasMessageContaining("no bot token");
                });
    }

    @Test
    void channelsCanBeSwitchedOffOrLeftOutOfTheClasspath() {
        runner().withPropertyValues("scheduled-reports.webhook.enabled=false")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(WebhookChannel.class)
                        .hasSingleBean(SlackChannel.class));
        runner().withClassLoader(new FilteredClassLoader(SlackChannel.class))
                .run(context -> assertThat(
                                context.getBean(ScheduledReports.class).channels())
                        .containsExactly("webhook"));
    }

    @Test
    void slackHealthCallsAuthTestAndReusesTheAnswer() throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            runner().withPropertyValues(
                            "scheduled-reports.slack.api-base-url=" + slack.baseUrl(),
                            "scheduled-reports.slack.allow=127.0.0.1",
                            "scheduled-reports.slack.allow-plain-http=true",
                            "scheduled-reports.slack.default-bot-token=slack-bot",
                            "scheduled-reports.secrets.slack-bot=" + FakeSlack.TOKEN)
                    .run(context -> {
                        SlackHealthIndicator health = context.getBean(SlackHealthIndicator.class);

                        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                        assertThat(health.health().getDetails()).containsEntry("team", "Acme");
                        assertThat(slack.calls("auth.test")).hasSize(1);
                        assertThat(health.health().getDetails().toString()).doesNotContain(FakeSlack.TOKEN);
                    });
        }
    }

    @Test
    void noSlackHealthWithoutADefaultBotToken() {
        runner().run(context -> assertThat(context).doesNotHaveBean(SlackHealthIndicator.class));
    }

    @Test
    void documentedDefaultsAreTheLibrarysOwn() {
        ScheduledReportsWebhookProperties w = new ScheduledReportsWebhookProperties();
        WebhookSettings wd = WebhookSettings.ofDefaults();
        assertThat(w.getConnectTimeout())
                .isEqualTo(wd.connectTimeout())
                .isEqualTo(OutboundHttp.DEFAULT_CONNECT_TIMEOUT);
        assertThat(w.getReadTimeout()).isEqualTo(wd.readTimeout());
        assertThat(w.getCallTimeout()).isEqualTo(wd.callTimeout());
        assertThat(w.getMaxFileSize().toBytes()).isEqualTo(wd.maxFileSize());
        assertThat(w.getMaxRetryAfter()).isEqualTo(wd.maxRetryAfter());
        assertThat(w.getMaxErrorBody().toBytes()).isEqualTo(wd.maxErrorBody());
        assertThat(w.isAllowPlainHttp()).isEqualTo(wd.policy().allowsPlainHttp());
        assertThat(w.getDefaultSigningSecret()).isEqualTo(wd.defaultSigningSecret());
        ScheduledReportsSlackProperties s = new ScheduledReportsSlackProperties();
        SlackSettings sd = SlackSettings.builder().build();
        assertThat(s.getApiBaseUrl()).isEqualTo(sd.apiBaseUrl());
        assertThat(s.getMaxFileSize().toBytes()).isEqualTo(sd.maxFileSize());
        assertThat(s.getConnectTimeout()).isEqualTo(sd.connectTimeout());
        assertThat(s.getReadTimeout()).isEqualTo(sd.readTimeout());
        assertThat(s.getCallTimeout()).isEqualTo(sd.callTimeout());
        assertThat(s.getMaxRetryAfter()).isEqualTo(sd.maxRetryAfter());
        assertThat(s.getDefaultBotToken()).isEqualTo(sd.defaultBotToken());
    }

    /** What the IDE and the docs are told (the generated metadata) is what the channels do. */
    @Test
    void generatedMetadataDocumentsTheChannelDefaults() throws Exception {
        Map<String, tools.jackson.databind.JsonNode> defaults = new java.util.HashMap<>();
        try (java.io.InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            tools.jackson.databind.json.JsonMapper.builder()
                    .build()
                    .readTree(in)
                    .get("properties")
                    .forEach(p -> {
                        if (p.has("defaultValue")) {
                            defaults.put(p.get("name").asString(), p.get("defaultValue"));
                        }
                    });
        }
        WebhookSettings w = WebhookSettings.ofDefaults();
        SlackSettings s = SlackSettings.builder().build();
        assertThat(duration(defaults, "webhook.connect-timeout")).isEqualTo(w.connectTimeout());
        assertThat(duration(defaults, "webhook.read-timeout")).isEqualTo(w.readTimeout());
        assertThat(duration(defaults, "webhook.call-timeout")).isEqualTo(w.callTimeout());
        assertThat(duration(defaults, "webhook.max-retry-after")).isEqualTo(w.maxRetryAfter());
        assertThat(size(defaults, "webhook.max-file-size")).isEqualTo(w.maxFileSize());
        assertThat(size(defaults, "webhook.max-error-body")).isEqualTo(w.maxErrorBody());
        assertThat(defaults.get("scheduled-reports.webhook.allow-plain-http").asBoolean())
                .isEqualTo(w.policy().allowsPlainHttp());
        assertThat(duration(defaults, "slack.connect-timeout")).isEqualTo(s.connectTimeout());
        assertThat(duration(defaults, "slack.read-timeout")).isEqualTo(s.readTimeout());
        assertThat(duration(defaults, "slack.call-timeout")).isEqualTo(s.callTimeout());
        assertThat(duration(defaults, "slack.max-retry-after")).isEqualTo(s.maxRetryAfter());
        assertThat(size(defaults, "slack.max-file-size")).isEqualTo(s.maxFileSize());
        assertThat(URI.create(
                        defaults.get("scheduled-reports.slack.api-base-url").asString()))
                .isEqualTo(s.apiBaseUrl());
    }

    private static java.time.Duration duration(Map<String, tools.jackson.databind.JsonNode> defaults, String name) {
        tools.jackson.databind.JsonNode value = defaults.get("scheduled-reports." + name);
        assertThat(value).as("documented default of scheduled-reports.%s", name).isNotNull();
        return org.springframework.boot.convert.DurationStyle.detectAndParse(value.asString());
    }

    private static long size(Map<String, tools.jackson.databind.JsonNode> defaults, String name) {
        tools.jackson.databind.JsonNode value = defaults.get("scheduled-reports." + name);
        assertThat(value).as("documented default of scheduled-reports.%s", name).isNotNull();
        return org.springframework.util.unit.DataSize.parse(value.asString()).toBytes();
    }

    private static InvalidPropertyException invalidProperty(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidPropertyException e) {
                return e;
            }
        }
        throw new AssertionError("no InvalidPropertyException in " + failure, failure);
    }

    @Configuration(proxyBeanMethods = false)
    static class HostSecrets {
        @Bean
        SecretResolver vault() {
            return name -> name.equals("vault-bot") ? Optional.of("xoxb-vault") : Optional.empty();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Sales {
        @Bean
        io.scheduledreports.spi.ReportType sales() {
            return new SalesReport();
        }
    }
}
