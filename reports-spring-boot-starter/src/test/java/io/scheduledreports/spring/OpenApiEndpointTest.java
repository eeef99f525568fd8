package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.scheduledreports.spring.internal.web.OpenApiController;
import io.scheduledreports.spring.internal.web.ScheduledReportsController;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Where the OpenAPI document is served, and that a property switches it off. */
class OpenApiEndpointTest {

    @TempDir
    Path artifacts;

    private WebApplicationContextRunner web() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        ScheduledReportsAutoConfiguration.class,
                        ScheduledReportsWebMvcAutoConfiguration.class,
                        ScheduledReportsOpenApiAutoConfiguration.class))
                .withBean(ReportsPrincipalResolver.class, () -> request -> Optional.empty())
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "scheduled-reports.artifact-directory=" + artifacts,
                        "scheduled-reports.polling-interval=100ms");
    }

    private static MockHttpServletResponse fetch(
            AssertableWebApplicationContext context, String contextPath, String path) throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
        return mvc.perform(get(contextPath + path).contextPath(contextPath))
                .andReturn()
                .getResponse();
    }

    @Test
    void servedUnderTheConfiguredBasePathWithTheServerUrlOfThisApplication() {
        web().withPropertyValues("scheduled-reports.api.base-path=/reports/v2/").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(OpenApiController.class);
            MockHttpServletResponse res = fetch(context, "/app", "/reports/v2/openapi.json");
            assertThat(res.getStatus()).isEqualTo(200);
            assertThat(res.getContentType()).startsWith("application/json");
            JsonNode doc = JsonMapper.builder().build().readTree(res.getContentAsString(StandardCharsets.UTF_8));
            assertThat(doc.get("servers")).hasSize(1);
            assertThat(doc.get("servers").get(0).get("url").asString()).isEqualTo("/app/reports/v2");
            assertThat(doc.get("paths").has("/scheduled-reports")).isTrue();

            assertThat(fetch(context, "", "/api/v1/openapi.json").getStatus()).isEqualTo(404);
        });
    }

    @Test
    void switchedOffByProperty() {
        web().withPropertyValues("scheduled-reports.api.openapi-enabled=false").run(context -> {
            assertThat(context)
                    .hasNotFailed()
                    .hasSingleBean(ScheduledReportsController.class)
                    .doesNotHaveBean(OpenApiController.class);
            assertThat(fetch(context, "", "/api/v1/openapi.json").getStatus()).isEqualTo(404);
        });
    }

    @Test
    void offWhenTheApiIsOff() {
        web().withPropertyValues("scheduled-reports.api.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(OpenApiController.class));
    }
}
