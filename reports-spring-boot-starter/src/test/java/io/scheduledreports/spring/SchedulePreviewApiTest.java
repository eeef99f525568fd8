package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.core.fixtures.SalesReport;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /scheduled-reports/preview}, warnings on create and update, local times in schedule JSON. */
@SpringBootTest(
        classes = ApiTestApplication.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:preview-api-test;DB_CLOSE_DELAY=-1",
            "scheduled-reports.polling-interval=100ms",
            "scheduled-reports.artifact-directory=target/preview-api-test-artifacts",
            "scheduled-reports.disk-guard.enabled=false"
        })
@AutoConfigureMockMvc
class SchedulePreviewApiTest {

    private static final String BASE = "/api/v1/scheduled-reports";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> TABLES = List.of(
            "scheduled_reports",
            "schedule_recipients",
            "report_executions",
            "report_deliveries",
            "audit_events",
            "report_scheduled_tasks");

    @Autowired
    MockMvc mvc;

    @Autowired
    RecordingChannel channel;

    @Autowired
    SalesReport sales;

    @Autowired
    DataSource dataSource;

    record Caller(String tenant, String user, String roles) {}

    record Response(int status, JsonNode json) {}

    @BeforeEach
    void southFails() {
        sales.hook(r -> {
            if ("south".equals(r.parameters().get("region"))) {
                throw new ReportsException(ErrorCategory.DATA, "no sales figures exist for region south");
            }
        });
    }

    private static Caller caller(String roles) {
        return new Caller("acme", "u-" + UUID.randomUUID().toString().substring(0, 8), roles);
    }

    private Response call(HttpMethod method, String path, Caller who, String body) throws Exception {
        MockHttpServletRequestBuilder req = request(method, path);
        if (who != null) {
            req.header("X-Tenant", who.tenant()).header("X-User", who.user()).header("X-Roles", who.roles());
        }
        if (body != null) {
            req.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        MockHttpServletResponse res = mvc.perform(req).andReturn().getResponse();
        String text = res.getContentAsString(StandardCharsets.UTF_8);
        return new Response(res.getStatus(), text.isEmpty() ? null : JSON.readTree(text));
    }

    private static String body(String region, String schedule) {
        return """
                {"name": "Night sales", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "%s"},
                 "schedule": %s,
                 "recipients": [{"channel": "memory", "destination": "night@example.com"}]}
                """.formatted(region, schedule);
    }

    private static final String NIGHTLY_0230_NEW_YORK =
            "{\"cadence\": \"daily\", \"time\": \"02:30\", \"timezone\": \"America/New_York\"}";

    private Map<String, Long> rowCounts() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String t : TABLES) {
            counts.put(t, jdbc.queryForObject("SELECT COUNT(*) FROM " + t, Long.class));
        }
        return counts;
    }

    @Test
    void previewAnswersRunsInUtcAndLocalWarningsAndASampleAndStoresNothing() throws Exception {
        Caller alice = caller("creator");
        Map<String, Long> before = rowCounts();
        int delivered = channel.received().size();

        Response r = call(HttpMethod.POST, BASE + "/preview", alice, body("north", NIGHTLY_0230_NEW_YORK));

        assertThat(r.status()).as("%s", r.json()).isEqualTo(200);
        JsonNode p = r.json();
        assertThat(p.get("time_zone").asString()).isEqualTo("America/New_York");
        assertThat(p.get("next_runs")).hasSize(10).allSatisfy(run -> {
            Instant utc = Instant.parse(run.get("utc").asString());
            String local = run.get("local").asString();
            assertThat(local).matches("\\d{4}-\\d\\d-\\d\\dT0[23]:30:00-0[45]:00");
            assertThat(OffsetDateTime.parse(local).toInstant()).isEqualTo(utc);
        });
        List<String> codes = new ArrayList<>();
        p.get("warnings").forEach(w -> codes.add(w.get("code").asString()));
        assertThat(codes).as("a March change is always within the next year").contains("DST_GAP");
        JsonNode gap = p.get("warnings").get(codes.indexOf("DST_GAP"));
        assertThat(gap.get("message").asString())
                .matches("02:30 does not exist on \\d{4}-03-\\d\\d in America/New_York; runs at 03:30 EDT");
        assertThat(gap.get("field").asString()).isEqualTo("schedule.time");
        JsonNode sample = p.get("sample");
        assertThat(sample.get("columns").get(0).get("name").asString()).isEqualTo("tenant");
        assertThat(sample.get("columns").get(2).get("type").asString()).isEqualTo("INTEGER");
        assertThat(sample.get("rows")).isNotEmpty().hasSizeLessThanOrEqualTo(20);
        assertThat(sample.get("rows").get(0).get(0).asString()).isEqualTo("acme");
        assertThat(sample.get("rows").get(0).get(1).asString())
                .as("the date range resolved for the first run")
                .matches("\\d{4}-\\d\\d-\\d\\d\\.\\.\\d{4}-\\d\\d-\\d\\d");
        assertThat(sample.get("truncated").asBoolean()).isFalse();

        assertThat(rowCounts()).as("nothing stored, audited or queued").isEqualTo(before);
        assertThat(channel.received()).hasSize(delivered);
    }

    @Test
    void previewRefusesWhatCreateRefusesWithTheSameProblem() throws Exception {
        Caller alice = caller("creator");
        String bad = body("north", "{\"cadence\": \"daily\", \"time\": \"25:00\", \"timezone\": \"UTC\"}");
        Response preview = call(HttpMethod.POST, BASE + "/preview", alice, bad);
        Response create = call(HttpMethod.POST, BASE, alice, bad);

        assertThat(preview.status()).isEqualTo(400);
        assertThat(preview.json().get("errors").get(0).get("field").asString()).isEqualTo("schedule.time");
        assertThat(withoutInstance(preview.json())).isEqualTo(withoutInstance(create.json()));
        Response unknown = call(HttpMethod.POST, BASE + "/preview", alice, "{\"name\": \"x\", \"parameters\": {}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("parameters");
        assertThat(call(HttpMethod.POST, BASE + "/preview", caller("viewer"), body("north", NIGHTLY_0230_NEW_YORK))
                        .status())
                .as("viewers cannot create, so they cannot preview")
                .isEqualTo(403);
        assertThat(call(HttpMethod.POST, BASE + "/preview", null, body("north", NIGHTLY_0230_NEW_YORK))
                        .status())
                .isEqualTo(401);
    }

    private static JsonNode withoutInstance(JsonNode problem) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) problem.deepCopy();
        copy.remove("instance");
        return copy;
    }

    @Test
    void aFailingReportTypeAnswersANullSampleAndSaysWhy() throws Exception {
        Response r = call(
                HttpMethod.POST,
                BASE + "/preview",
                caller("creator"),
                body("south", "{\"cadence\": \"daily\", \"time\": \"09:00\", \"timezone\": \"Asia/Tokyo\"}"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("sample").isNull())
                .as("sample is present and null")
                .isTrue();
        JsonNode w = r.json().get("warnings").get(0);
        assertThat(w.get("code").asString()).isEqualTo("SAMPLE_FAILED");
        assertThat(w.get("message").asString()).contains("no sales figures exist for region south");
    }

    @Test
    void createAndUpdateAnswerWarningsAndEveryScheduleItsLocalTimes() throws Exception {
        Caller alice = caller("creator");
        Response created = call(HttpMethod.POST, BASE, alice, body("north", NIGHTLY_0230_NEW_YORK));
        assertThat(created.status()).isEqualTo(201);
        JsonNode s = created.json();
        assertThat(s.get("warnings").get(0).get("code").asString()).isEqualTo("DST_GAP");
        assertThat(OffsetDateTime.parse(s.get("next_run_at_local").asString()).toInstant())
                .isEqualTo(Instant.parse(s.get("next_run_at").asString()));
        assertThat(s.get("next_run_at_local").asString()).matches(".*T0[23]:30:00-0[45]:00");
        assertThat(s.get("upcoming_runs_local")).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(OffsetDateTime.parse(s.get("upcoming_runs_local").get(i).asString())
                            .toInstant())
                    .isEqualTo(Instant.parse(s.get("upcoming_runs").get(i).asString()));
        }

        Response again = call(HttpMethod.POST, BASE, alice, body("north", NIGHTLY_0230_NEW_YORK));
        List<String> codes = new ArrayList<>();
        again.json().get("warnings").forEach(w -> codes.add(w.get("code").asString()));
        assertThat(codes).containsExactlyInAnyOrder("DST_GAP", "POSSIBLE_DUPLICATE");

        String id = s.get("id").asString();
        Response read = call(HttpMethod.GET, BASE + "/" + id, alice, null);
        assertThat(read.json().get("warnings")).as("reads carry no warnings").isEmpty();
        assertThat(read.json().get("next_run_at_local")).isEqualTo(s.get("next_run_at_local"));

        Response updated = call(
                HttpMethod.PUT,
                BASE + "/" + id,
                alice,
                body(
                                "south",
                                "{\"cadence\": \"monthly\", \"day_of_month\": 30, \"time\": \"09:00\", \"timezone\": \"UTC\"}")
                        .replace("\"recipients\"", "\"version\": 1, \"recipients\""));
        assertThat(updated.status()).as("%s", updated.json()).isEqualTo(200);
        assertThat(updated.json().get("warnings")).singleElement().satisfies(w -> {
            assertThat(w.get("code").asString()).isEqualTo("SHORT_MONTH");
            assertThat(w.get("field").asString()).isEqualTo("schedule.day_of_month");
        });
        assertThat(updated.json().get("next_run_at_local").asString()).endsWith("T09:00:00Z");
    }
}
