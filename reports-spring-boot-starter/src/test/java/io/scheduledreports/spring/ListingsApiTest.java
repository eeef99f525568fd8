package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.scheduledreports.core.fixtures.SalesReport;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Lists over HTTP: last-run status and filters, executions across schedules, the audit log and its CSV, paging. */
@SpringBootTest(
        classes = ApiTestApplication.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:listings-api-test;DB_CLOSE_DELAY=-1",
            "scheduled-reports.polling-interval=100ms",
            "scheduled-reports.artifact-directory=target/listings-api-test-artifacts",
            "scheduled-reports.disk-guard.enabled=false",
            "scheduled-reports.retry.generation.max-attempts=1"
        })
@AutoConfigureMockMvc
class ListingsApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    SalesReport sales;

    record Caller(String tenant, String user, String roles) {}

    record Response(int status, MockHttpServletResponse raw, JsonNode json) {}

    @BeforeEach
    void southFails() {
        sales.hook(r -> {
            if ("south".equals(r.parameters().get("region"))) {
                throw new ReportsException(ErrorCategory.DATA, "no sales figures exist for region south");
            }
        });
    }

    private Response call(String path, Caller who, String accept) throws Exception {
        return call(HttpMethod.GET, path, who, null, accept);
    }

    private Response call(HttpMethod method, String path, Caller who, String body, String accept) throws Exception {
        MockHttpServletRequestBuilder req = request(method, "/api/v1" + path);
        req.header("X-Tenant", who.tenant()).header("X-User", who.user()).header("X-Roles", who.roles());
        if (body != null) {
            req.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        if (accept != null) {
            req.header("Accept", accept);
        }
        MockHttpServletResponse res = mvc.perform(req).andReturn().getResponse();
        String text = res.getContentAsString(StandardCharsets.UTF_8);
        JsonNode json =
                String.valueOf(res.getContentType()).contains("json") && !text.isEmpty() ? JSON.readTree(text) : null;
        return new Response(res.getStatus(), res, json);
    }

    private String create(Caller who, String name, String region) throws Exception {
        Response r = call(HttpMethod.POST, "/scheduled-reports", who, """
                {"name": "%s", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "%s"},
                 "schedule": {"cadence": "daily", "time": "09:00", "timezone": "UTC"}}
                """.formatted(name, region), null);
        assertThat(r.status()).as("%s", r.json()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private void runAndWait(Caller who, String id) throws Exception {
        Response run = call(HttpMethod.POST, "/scheduled-reports/" + id + "/run", who, null, null);
        assertThat(run.status()).isEqualTo(202);
        String eid = run.json().get("id").asString();
        Await.until(
                () -> {
                    try {
                        String s = call("/scheduled-reports/" + id + "/executions/" + eid, who, null)
                                .json()
                                .get("status")
                                .asString();
                        return s.equals("SUCCEEDED") || s.equals("FAILED");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "execution " + eid);
    }

    @Test
    void schedulesExecutionsAndTheAuditLogAreListedFilteredAndExported() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        Caller alice = new Caller(tenant, "alice", "creator");
        Caller admin = new Caller(tenant, "root", "admin");
        String north = create(alice, "North, daily", "north");
        String south = create(alice, "=South", "south");
        runAndWait(alice, north);
        runAndWait(alice, south);

        JsonNode failing =
                call("/scheduled-reports?status=failing", alice, null).json();
        assertThat(failing.get("total").asLong()).isEqualTo(1);
        JsonNode s = failing.get("items").get(0);
        assertThat(s.get("id").asString()).isEqualTo(south);
        assertThat(s.get("last_run_status").asString()).isEqualTo("FAILED");
        assertThat(s.get("last_error_category").asString()).isEqualTo("DATA");
        assertThat(s.get("consecutive_failures").asInt()).isEqualTo(1);
        assertThat(call("/scheduled-reports?q=NORTH&sort=name", alice, null)
                        .json()
                        .get("items"))
                .singleElement()
                .satisfies(x -> assertThat(x.get("last_run_status").asString()).isEqualTo("SUCCEEDED"));
        assertThat(call("/scheduled-reports?owner=bob", alice, null).status())
                .as("only admins name another owner")
                .isEqualTo(403);
        assertThat(call("/admin/scheduled-reports?owner=alice&sort=last_run_at&limit=1", admin, null)
                        .json()
                        .get("size")
                        .asInt())
                .isEqualTo(1);

        JsonNode executions = call("/report-executions?limit=10", alice, null).json();
        assertThat(executions.get("total").asLong()).isEqualTo(2);
        assertThat(executions.get("items").get(0).get("schedule_id").asString())
                .as("newest first")
                .isEqualTo(south);
        JsonNode ok = call("/report-executions?status=SUCCEEDED&trigger=manual&schedule_id=" + north, alice, null)
                .json()
                .get("items")
                .get(0);
        assertThat(ok.get("output_format").asString()).isEqualTo("csv");
        assertThat(ok.get("report_params_snapshot").get("date_range").get("end").asString())
                .matches("\\d{4}-\\d\\d-\\d\\d");
        assertThat(ok.get("report_params_snapshot").get("region").asString()).isEqualTo("north");
        assertThat(call("/report-executions?report_type=other", alice, null)
                        .json()
                        .get("total")
                        .asLong())
                .isZero();

        Response bad = call("/report-executions?limit=10&statuss=FAILED", alice, null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("statuss");
        assertThat(bad.json().get("detail").asString()).contains("did you mean status?");
        assertThat(call("/report-executions?size=5&limit=6", alice, null).status())
                .isEqualTo(400);
        assertThat(call("/report-executions?limit=500", alice, null).status()).isEqualTo(400);

        Response page = call("/audit-events?entity_id=" + south + "&limit=5", admin, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("items")).hasSize(2);
        assertThat(page.json().get("items").get(0).get("action").asString()).isEqualTo("RUN_NOW");
        assertThat(page.json().get("items").get(1).get("new_value").get("name").asString())
                .isEqualTo("=South");
        assertThat(call("/audit-events", alice, null).status()).isEqualTo(403);
        assertThat(call("/audit-events", new Caller("other", "root", "admin"), null)
                        .json()
                        .get("total")
                        .asLong())
                .isZero();

        Response csv = call("/audit-events.csv?action=create", admin, null);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().getContentType()).startsWith("text/csv");
        String[] lines = csv.raw().getContentAsString(StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).isEqualTo("occurred_at,actor,action,entity_type,entity_id,old_value,new_value,id");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).contains(",alice,CREATE,schedule," + south + ",,");
        assertThat(lines[1]).as("JSON quoted; a formula in a name is not one").contains("\"\"name\"\":\"\"=South\"\"");
        Response byAccept = call("/audit-events?action=create", admin, "text/csv");
        assertThat(byAccept.raw().getContentType()).startsWith("text/csv");
        assertThat(byAccept.raw().getContentAsString(StandardCharsets.UTF_8).split("\r\n"))
                .hasSize(3);
    }

    @Test
    void anUnknownAuditActionFilterIsA400NamingTheAllowedActions() throws Exception {
        Caller admin = new Caller("t-" + UUID.randomUUID().toString().substring(0, 8), "root", "admin");

        for (String path : new String[] {"/audit-events?action=CRATE", "/audit-events.csv?action=CRATE"}) {
            Response bad = call(path, admin, null);

            assertThat(bad.status()).as(path).isEqualTo(400);
            assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("action");
            assertThat(bad.json().get("detail").asString())
                    .contains("must be one of CREATE, UPDATE, DELETE")
                    .contains("RUN_NOW")
                    .contains("was 'CRATE'");
        }
        assertThat(call("/audit-events?action=run_now", admin, null).status())
                .as("case does not matter")
                .isEqualTo(200);
    }
}
