package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.scheduledreports.core.ManualRunLimits;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.Visibility;
import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.core.fixtures.SalesReport;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spring.internal.InvalidPropertyException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Run-now abuse controls over HTTP (409, 429 with Retry-After), private download headers, overlap policy in the
 * JSON, and the properties of all this.
 */
@SpringBootTest(
        classes = ApiTestApplication.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:abuse-api-tests;DB_CLOSE_DELAY=-1",
            "scheduled-reports.polling-interval=100ms",
            "scheduled-reports.artifact-directory=target/abuse-api-test-artifacts",
            "scheduled-reports.disk-guard.enabled=false",
            "scheduled-reports.manual-runs.cooldown=10m"
        })
@AutoConfigureMockMvc
class AbuseControlsApiTest {

    private static final String BASE = "/api/v1/scheduled-reports";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @TempDir
    Path artifacts;

    record Response(int status, MockHttpServletResponse raw, JsonNode json) {}

    private Response call(HttpMethod method, String path, String user, String body) throws Exception {
        MockHttpServletRequestBuilder req = request(method, path)
                .header("X-Tenant", "acme-" + user)
                .header("X-User", user)
                .header("X-Roles", "creator");
        if (body != null) {
            req.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        MockHttpServletResponse res = mvc.perform(req).andReturn().getResponse();
        String text = res.getContentAsString(StandardCharsets.UTF_8);
        return new Response(res.getStatus(), res, text.isEmpty() ? null : JSON.readTree(text));
    }

    private static String schedule(String overlap) {
        return """
                {"name": "Runs", "report_type": "sales", "output_format": "csv",
                 "schedule": {"cadence": "daily", "time": "09:00", "timezone": "UTC"},
                 "recipients": [{"channel": "memory", "destination": "a@example.com"}]%s}
                """.formatted(overlap == null ? "" : ", \"overlap_policy\": \"" + overlap + "\"");
    }

    @Test
    void aSecondRunWhileTheFirstIsInProgressIs409AndARunInTheCooldownIs429WithRetryAfter() throws Exception {
        String user = "u" + UUID.randomUUID().toString().substring(0, 8);
        Response created = call(HttpMethod.POST, BASE, user, schedule(null));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("overlap_policy").asString()).isEqualTo("SKIP");
        String id = created.json().get("id").asString();

        Response first = call(HttpMethod.POST, BASE + "/" + id + "/run", user, null);
        assertThat(first.status()).isEqualTo(202);
        String eid = first.json().get("id").asString();
        Response again = call(HttpMethod.POST, BASE + "/" + id + "/run", user, null);
        if (again.status() == 409) {
            assertThat(again.json().get("execution_id").asString()).isEqualTo(eid);
            assertThat(again.json().get("title").asString()).isEqualTo("Run in progress");
            assertThat(again.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("run");
        } else {
            assertThat(again.status())
                    .as("the first run finished already, so the cooldown answers: %s", again.json())
                    .isEqualTo(429);
        }
        Await.until(
                () -> {
                    try {
                        return "SUCCEEDED"
                                .equals(call(HttpMethod.GET, BASE + "/" + id + "/executions/" + eid, user, null)
                                        .json()
                                        .get("status")
                                        .asString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "the manual run to finish");

        MockHttpServletResponse file = mvc.perform(
                        request(HttpMethod.GET, "/api/v1/report-executions/" + eid + "/download")
                                .header("X-Tenant", "acme-" + user)
                                .header("X-User", user)
                                .header("X-Roles", "viewer"))
                .andReturn()
                .getResponse();
        assertThat(file.getStatus()).isEqualTo(200);
        assertThat(file.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(file.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");

        Response limited = call(HttpMethod.POST, BASE + "/" + id + "/run", user, null);
        assertThat(limited.status()).isEqualTo(429);
        long retryAfter = Long.parseLong(limited.raw().getHeader("Retry-After"));
        assertThat(retryAfter).isBetween(590L, 600L);
        assertThat(limited.json().get("retry_after_seconds").asLong()).isEqualTo(retryAfter);
        assertThat(limited.json().get("errors").get(0).get("field").asString()).isEqualTo("manual_runs.cooldown");
    }

    @Test
    void overlapPolicyIsReadAndWrittenAndABadValueNamesTheField() throws Exception {
        String user = "u" + UUID.randomUUID().toString().substring(0, 8);
        Response queue = call(HttpMethod.POST, BASE, user, schedule("queue"));
        assertThat(queue.status()).isEqualTo(201);
        assertThat(queue.json().get("overlap_policy").asString()).isEqualTo("QUEUE");

        Response bad = call(HttpMethod.POST, BASE, user, schedule("sometimes"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("overlap_policy");
    }

    // ---------------------------------------------------------------- properties

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        ScheduledReportsAutoConfiguration.class,
                        ScheduledReportsLimitsAutoConfiguration.class))
                .withUserConfiguration(PlugIns.class)
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "scheduled-reports.artifact-directory=" + artifacts,
                        "scheduled-reports.disk-guard.enabled=false",
                        "scheduled-reports.polling-interval=100ms");
    }

    @Configuration(proxyBeanMethods = false)
    static class PlugIns {
        @Bean
        SalesReport sales() {
            return new SalesReport();
        }

        @Bean
        RecordingChannel memory() {
            return new RecordingChannel("memory");
        }
    }

    @Test
    void documentedDefaultsAreTheLibrarysSafeDefaults() {
        ScheduledReportsLimitsProperties p = new ScheduledReportsLimitsProperties();
        assertThat(p.getAccess().getVisibility()).isEqualTo(Visibility.OWNER);
        assertThat(p.getManualRuns().getCooldown())
                .isEqualTo(ManualRunLimits.ofDefaults().cooldown());
        assertThat(p.getManualRuns().getMaxPerTenantPerHour())
                .isEqualTo(ManualRunLimits.ofDefaults().maxPerTenantPerHour());
        assertThat(p.getTenantLimits().isEnabled()).isFalse();
    }

    @Test
    void visibilityTenantLetsColleaguesRead() {
        runner().withPropertyValues("scheduled-reports.access.visibility=tenant")
                .run(context -> {
                    ScheduledReports reports = context.getBean(ScheduledReports.class);
                    ScheduledReport s = reports.create(
                            Actor.of("acme", "alice"),
                            ScheduleRequest.builder()
                                    .name("n")
                                    .reportType("sales")
                                    .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                                    .build());
                    assertThat(reports.get(Actor.of("acme", "bob"), s.id()).id())
                            .isEqualTo(s.id());
                });
    }

    @Test
    void visibilityRecipientsLetsARecipientReadButNotAColleague() {
        runner().withPropertyValues("scheduled-reports.access.visibility=recipients")
                .run(context -> {
                    ScheduledReports reports = context.getBean(ScheduledReports.class);
                    ScheduledReport s = reports.create(
                            Actor.of("acme", "alice"),
                            ScheduleRequest.builder()
                                    .name("n")
                                    .reportType("sales")
                                    .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                                    .recipient("memory", "carol@example.com")
                                    .build());
                    assertThat(reports.get(Actor.of("acme", "carol@example.com"), s.id())
                                    .id())
                            .isEqualTo(s.id());
                    assertThatThrownBy(() -> reports.get(Actor.of("acme", "bob"), s.id()))
                            .isInstanceOf(io.scheduledreports.core.ReportsNotFoundException.class);
                });
    }

    @Test
    void invalidLimitsStopStartupNamingTheProperty() {
        runner().withPropertyValues("scheduled-reports.manual-runs.max-per-tenant-per-hour=0")
                .run(context ->
                        assertThat(context).getFailure().rootCause().hasMessageContaining("must be 1-100000, was 0"));
        runner().withPropertyValues(
                        "scheduled-reports.tenant-limits.enabled=true",
                        "scheduled-reports.tenant-limits.tenants.acme=0")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable t = context.getStartupFailure();
                    while (t != null && !(t instanceof InvalidPropertyException)) {
                        t = t.getCause();
                    }
                    assertThat(t).isInstanceOf(InvalidPropertyException.class);
                    assertThat(((InvalidPropertyException) t).property())
                            .isEqualTo("scheduled-reports.tenant-limits.tenants.acme");
                });
    }
}
