package io.scheduledreports.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.scheduledreports.dashboard.internal.DashboardPage;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spring.ReportsPrincipalResolver;
import io.scheduledreports.spring.ScheduledReportsProperties;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** When the dashboard is served, where, and what its page and assets look like on the wire. */
class DashboardAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    WebMvcAutoConfiguration.class,
                    DispatcherServletAutoConfiguration.class,
                    ScheduledReportsDashboardAutoConfiguration.class))
            .withUserConfiguration(StarterProperties.class);

    /** The starter's properties, bound as its auto-configuration binds them. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.context.properties.EnableConfigurationProperties(ScheduledReportsProperties.class)
    static class StarterProperties {}

    private final ReportsPrincipalResolver resolver = request -> Optional.of(Actor.of("acme", "ada", Actor.ADMIN));

    @Test
    void servesThePageWithTheApiPathAndStrictHeadersUnderTheDefaultPath() {
        runner.withBean(ReportsPrincipalResolver.class, () -> resolver).run(context -> {
            assertThat(context).hasSingleBean(DashboardPage.class);
            MockMvc mvc = mvc(context);
            MockHttpServletResponse page =
                    mvc.perform(get("/scheduled-reports/")).andReturn().getResponse();
            assertThat(page.getStatus()).isEqualTo(200);
            assertThat(page.getContentType()).startsWith("text/html");
            String html = page.getContentAsString();
            assertThat(html)
                    .contains("<meta name=\"reports-api\" content=\"/api/v1\">")
                    .contains("<meta name=\"reports-refresh-ms\" content=\"5000\">")
                    .contains("src=\"/scheduled-reports/assets/app.js\"")
                    .doesNotContain("{{");
            assertThat(page.getHeader("Content-Security-Policy")).contains("script-src 'self'");
            assertThat(page.getHeader("Cache-Control")).isEqualTo("no-store");

            assertThat(mvc.perform(get("/scheduled-reports"))
                            .andReturn()
                            .getResponse()
                            .getRedirectedUrl())
                    .isEqualTo("/scheduled-reports/");
            MockHttpServletResponse script = mvc.perform(get("/scheduled-reports/assets/app.js"))
                    .andReturn()
                    .getResponse();
            assertThat(script.getStatus()).isEqualTo(200);
            assertThat(script.getContentType()).contains("javascript");
            assertThat(mvc.perform(get("/scheduled-reports/assets/../DashboardPage.class"))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .isNotEqualTo(200);
        });
    }

    @Test
    void followsTheConfiguredPathsAndRefreshInterval() {
        runner.withBean(ReportsPrincipalResolver.class, () -> resolver)
                .withPropertyValues(
                        "scheduled-reports.dashboard.path=/ops/reports/",
                        "scheduled-reports.dashboard.refresh-interval=3s",
                        "scheduled-reports.api.base-path=/internal/api")
                .run(context -> {
                    MockMvc mvc = mvc(context);
                    String html = mvc.perform(get("/ops/reports/"))
                            .andReturn()
                            .getResponse()
                            .getContentAsString();
                    assertThat(html)
                            .contains("content=\"/internal/api\"")
                            .contains("content=\"3000\"")
                            .contains("href=\"/ops/reports/assets/style.css\"");
                    assertThat(mvc.perform(get("/scheduled-reports/"))
                                    .andReturn()
                                    .getResponse()
                                    .getStatus())
                            .isEqualTo(404);
                });
    }

    @Test
    void staysOffWithoutTheApiOrWhenDisabled() {
        runner.run(context -> assertThat(context).doesNotHaveBean(DashboardPage.class));
        runner.withBean(ReportsPrincipalResolver.class, () -> resolver)
                .withPropertyValues("scheduled-reports.dashboard.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DashboardPage.class));
        runner.withBean(ReportsPrincipalResolver.class, () -> resolver)
                .withPropertyValues("scheduled-reports.api.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DashboardPage.class));
    }

    @Test
    void refusesUnusableSettingsNamingTheProperty() {
        runner.withBean(ReportsPrincipalResolver.class, () -> resolver)
                .withPropertyValues("scheduled-reports.dashboard.path=/reports")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("scheduled-reports.dashboard.path: must start and end with '/'"));
        runner.withBean(ReportsPrincipalResolver.class, () -> resolver)
                .withPropertyValues("scheduled-reports.dashboard.path=/api/v1/ui/")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("must not be the API's base path"));
        runner.withBean(ReportsPrincipalResolver.class, () -> resolver)
                .withPropertyValues("scheduled-reports.dashboard.refresh-interval=100ms")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("scheduled-reports.dashboard.refresh-interval: must be at least 1s"));
    }

    @Test
    void documentedDefaultsMatchTheProperties() {
        ScheduledReportsDashboardProperties defaults = new ScheduledReportsDashboardProperties();
        assertThat(defaults.isEnabled()).isTrue();
        assertThat(defaults.getPath()).isEqualTo("/scheduled-reports/");
        assertThat(defaults.getRefreshInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    private static MockMvc mvc(org.springframework.context.ApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup((WebApplicationContext) context)
                .build();
    }
}
