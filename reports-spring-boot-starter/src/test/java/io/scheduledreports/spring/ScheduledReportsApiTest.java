package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.core.links.DownloadLinkConfig;
import io.scheduledreports.core.links.DownloadLinks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

/** The REST API end to end on H2 through MockMvc: every endpoint, its JSON shape, roles, tenants and errors. */
@SpringBootTest(
        classes = ApiTestApplication.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:api-tests;DB_CLOSE_DELAY=-1",
            "scheduled-reports.polling-interval=100ms",
            "scheduled-reports.artifact-directory=target/api-test-artifacts",
            "scheduled-reports.disk-guard.enabled=false",
            "scheduled-reports.quotas.max-recipients=3",
            "scheduled-reports.quotas.max-schedules-per-owner=50",
            "scheduled-reports.quotas.max-schedules-per-tenant=1000",
            "scheduled-reports.download-links.base-url=http://localhost/api/v1/report-executions/download",
            "scheduled-reports.download-links.keys.test=" + ApiTestApplication.LINK_KEY
        })
@AutoConfigureMockMvc
class ScheduledReportsApiTest {

    private static final String BASE = "/api/v1/scheduled-reports";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    RecordingChannel channel;

    /** A caller of a tenant with roles; each test uses its own users so tests do not see each other's data. */
    record Caller(String tenant, String user, String roles) {}

    record Response(int status, MockHttpServletResponse raw, JsonNode json) {
        String header(String name) {
            return raw.getHeader(name);
        }

        JsonNode error() {
            return json.get("errors").get(0);
        }
    }

    private static Caller caller(String tenant, String roles) {
        return new Caller(tenant, "u-" + UUID.randomUUID().toString().substring(0, 8), roles);
    }

    private Response call(HttpMethod method, String path, Caller who, String body) throws Exception {
        return call(method, path, who, body, null);
    }

    private Response call(HttpMethod method, String path, Caller who, String body, String ifMatch) throws Exception {
        MockHttpServletRequestBuilder req = request(method, path);
        if (who != null) {
            req.header("X-Tenant", who.tenant()).header("X-User", who.user()).header("X-Roles", who.roles());
        }
        if (body != null) {
            req.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        if (ifMatch != null) {
            req.header("If-Match", ifMatch);
        }
        MockHttpServletResponse res = mvc.perform(req).andReturn().getResponse();
        String text = res.getContentAsString(StandardCharsets.UTF_8);
        JsonNode json =
                text.isEmpty() || !String.valueOf(res.getContentType()).contains("json") ? null : JSON.readTree(text);
        return new Response(res.getStatus(), res, json);
    }

    private static String schedule(String name, String... recipients) {
        StringBuilder r = new StringBuilder();
        for (String d : recipients) {
            r.append(r.isEmpty() ? "" : ",")
                    .append("{\"channel\":\"memory\",\"destination\":\"")
                    .append(d)
                    .append("\"}");
        }
        return """
                {"name": "%s", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "output_format": "csv",
                 "schedule": {"cadence": "weekly", "day_of_week": 1, "time": "09:00", "timezone": "America/New_York"},
                 "recipients": [%s]}
                """.formatted(name, r);
    }

    private JsonNode create(Caller who, String name) throws Exception {
        Response r = call(HttpMethod.POST, BASE, who, schedule(name, "alice@example.com"));
        assertThat(r.status()).as("create: %s", r.json()).isEqualTo(201);
        return r.json();
    }

    // ---------------------------------------------------------------- create / read

    @Test
    void createAnswersWithTheSeedShapeAndUpcomingRuns() throws Exception {
        Caller alice = caller("acme", "creator");
        Response r = call(
                HttpMethod.POST, BASE, alice, schedule("Weekly Sales Summary", "alice@example.com", "bob@example.com"));

        assertThat(r.status()).isEqualTo(201);
        JsonNode s = r.json();
        String id = s.get("id").asString();
        assertThat(r.header("Location")).endsWith(BASE + "/" + id);
        assertThat(r.header("ETag")).isEqualTo("\"1\"");
        assertThat(s.get("name").asString()).isEqualTo("Weekly Sales Summary");
        assertThat(s.get("report_type").asString()).isEqualTo("sales");
        assertThat(s.get("report_params").get("date_range").asString()).isEqualTo("last_7_days");
        assertThat(s.get("output_format").asString()).isEqualTo("csv");
        assertThat(s.get("schedule").get("cadence").asString()).isEqualTo("weekly");
        assertThat(s.get("schedule").get("day_of_week").asInt()).isEqualTo(1);
        assertThat(s.get("schedule").get("time").asString()).isEqualTo("09:00");
        assertThat(s.get("schedule").get("timezone").asString()).isEqualTo("America/New_York");
        assertThat(s.get("upcoming_runs")).hasSize(5);
        assertThat(s.get("next_run_at").asString())
                .isEqualTo(s.get("upcoming_runs").get(0).asString())
                .matches("\\d{4}-\\d\\d-\\d\\dT1[34]:00:00Z");
        assertThat(s.get("recipients")).hasSize(2);
        assertThat(s.get("recipients").get(0).get("id").asString()).isNotBlank();
        assertThat(s.get("recipients").get(0).get("destination").asString()).isEqualTo("alice@example.com");
        assertThat(s.get("is_active").asBoolean()).isTrue();
        assertThat(s.get("created_at").asString()).endsWith("Z");
        assertThat(s.get("version").asLong()).isEqualTo(1);
        assertThat(s.get("owner_id").asString()).isEqualTo(alice.user());

        Response read = call(HttpMethod.GET, BASE + "/" + id, alice, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("upcoming_runs")).isEqualTo(s.get("upcoming_runs"));
    }

    @Test
    void createRefusesBadInputNamingTheField() throws Exception {
        Caller alice = caller("acme", "creator");
        Response zone = call(
                HttpMethod.POST,
                BASE,
                alice,
                schedule("Bad zone", "a@example.com").replace("America/New_York", "Mars/Olympus"));
        assertThat(zone.status()).isEqualTo(400);
        assertThat(zone.raw().getContentType()).isEqualTo("application/problem+json");
        assertThat(zone.json().get("status").asInt()).isEqualTo(400);
        assertThat(zone.error().get("field").asString()).isEqualTo("schedule.timezone");
        assertThat(zone.error().get("message").asString()).contains("Mars/Olympus");

        Response type = call(
                HttpMethod.POST,
                BASE,
                alice,
                schedule("Bad type", "a@example.com").replace("\"sales\"", "\"nope\""));
        assertThat(type.status()).isEqualTo(400);
        assertThat(type.error().get("field").asString()).isEqualTo("report_type");

        Response param = call(
                HttpMethod.POST,
                BASE,
                alice,
                schedule("Bad param", "a@example.com").replace("north", "east"));
        assertThat(param.error().get("field").asString()).isEqualTo("report_params.region");

        Response destination = call(HttpMethod.POST, BASE, alice, schedule("Bad address", "not-an-address"));
        assertThat(destination.status()).isEqualTo(400);
        assertThat(destination.error().get("field").asString()).startsWith("recipients");

        Response missing =
                call(HttpMethod.POST, BASE, alice, "{\"name\": \"No schedule\", \"report_type\": \"sales\"}");
        assertThat(missing.error().get("field").asString()).isEqualTo("schedule");

        Response policy = call(
                HttpMethod.POST,
                BASE,
                alice,
                schedule("Bad policy", "a@example.com")
                        .replace("\"output_format\"", "\"misfire_policy\": \"SOMETIMES\", \"output_format\""));
        assertThat(policy.error().get("field").asString()).isEqualTo("misfire_policy");

        Response shape = call(HttpMethod.POST, BASE, alice, "{\"name\": \"x\", \"recipients\": \"everyone\"}");
        assertThat(shape.status()).isEqualTo(400);
        assertThat(shape.error().get("field").asString()).isEqualTo("recipients");

        Response notJson = call(HttpMethod.POST, BASE, alice, "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.raw().getContentType()).isEqualTo("application/problem+json");
    }

    @Test
    void unknownFieldsAreRefusedWithTheFieldProbablyMeant() throws Exception {
        Caller alice = caller("acme", "creator");
        Response parameters = call(
                HttpMethod.POST,
                BASE,
                alice,
                schedule("Misnamed", "a@example.com").replace("\"report_params\"", "\"parameters\""));
        assertThat(parameters.status()).isEqualTo(400);
        assertThat(parameters.error().get("field").asString()).isEqualTo("parameters");
        assertThat(parameters.error().get("message").asString())
                .startsWith("unknown field; did you mean report_params?");

        Response camel = call(
                HttpMethod.POST,
                BASE,
                alice,
                schedule("Camel", "a@example.com").replace("\"output_format\"", "\"outputFormat\""));
        assertThat(camel.error().get("field").asString()).isEqualTo("outputFormat");
        assertThat(camel.error().get("message").asString()).contains("did you mean output_format?");

        Response recipient = call(
                HttpMethod.POST,
                BASE,
                alice,
                schedule("Recipient", "a@example.com").replace("\"destination\"", "\"address\""));
        assertThat(recipient.status()).isEqualTo(400);
        assertThat(recipient.error().get("field").asString()).isEqualTo("recipients[0].address");
        assertThat(recipient.error().get("message").asString()).contains("did you mean recipients[0].destination?");

        Response nothingClose = call(
                HttpMethod.POST,
                BASE,
                alice,
                schedule("Extra", "a@example.com").replace("\"output_format\"", "\"zzz\": 1, \"output_format\""));
        assertThat(nothingClose.error().get("field").asString()).isEqualTo("zzz");
        assertThat(nothingClose.error().get("message").asString())
                .doesNotContain("did you mean")
                .contains("report_params");
        assertThat(call(HttpMethod.GET, BASE, alice, null).json().get("items")).isEmpty();
    }

    @Test
    void exceedingAQuotaIsUnprocessable() throws Exception {
        Response r = call(
                HttpMethod.POST,
                BASE,
                caller("acme", "creator"),
                schedule("Too many", "a@example.com", "b@example.com", "c@example.com", "d@example.com"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("title").asString()).isEqualTo("Quota exceeded");
        assertThat(r.error().get("field").asString()).isEqualTo("recipients");
    }

    @Test
    void listsTheCallersSchedulesPageByPage() throws Exception {
        Caller alice = caller("acme", "creator");
        create(alice, "One");
        create(alice, "Two");
        create(alice, "Three");
        create(caller("acme", "creator"), "Someone else's");

        Response first = call(HttpMethod.GET, BASE + "?page=0&size=2", alice, null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("items")).hasSize(2);
        assertThat(first.json().get("total").asLong()).isEqualTo(3);
        assertThat(first.json().get("total_pages").asLong()).isEqualTo(2);
        Response second = call(HttpMethod.GET, BASE + "?page=1&size=2", alice, null);
        assertThat(second.json().get("items")).hasSize(1);
        assertThat(second.json().get("page").asInt()).isEqualTo(1);

        Response badSize = call(HttpMethod.GET, BASE + "?size=1000", alice, null);
        assertThat(badSize.status()).isEqualTo(400);
        assertThat(badSize.error().get("field").asString()).isEqualTo("size");
        Response notANumber = call(HttpMethod.GET, BASE + "?page=first", alice, null);
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.error().get("field").asString()).isEqualTo("page");
    }

    // ---------------------------------------------------------------- roles and tenants

    @Test
    void aViewerReadsButCannotCreate() throws Exception {
        Caller alice = caller("acme", "creator");
        String id = create(alice, "Readable").get("id").asString();
        Caller viewer = caller("acme", "viewer");

        assertThat(call(HttpMethod.GET, BASE + "/" + id, viewer, null).status())
                .as("another user's schedule is not visible (scheduled-reports.access.visibility=OWNER)")
                .isEqualTo(404);
        assertThat(call(HttpMethod.GET, BASE + "/" + id, new Caller("acme", alice.user(), "viewer"), null)
                        .status())
                .as("the owner reads it with the viewer role")
                .isEqualTo(200);
        Response refused = call(HttpMethod.POST, BASE, viewer, schedule("Mine", "a@example.com"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asString()).contains("creator");
        assertThat(call(HttpMethod.POST, BASE + "/" + id + "/run", viewer, null).status())
                .isEqualTo(403);
    }

    @Test
    void aCreatorCannotChangeAnotherUsersScheduleButAnAdminCan() throws Exception {
        Caller alice = caller("acme", "creator");
        String id = create(alice, "Alice's").get("id").asString();
        Caller bob = caller("acme", "creator");

        // with visibility OWNER (the default) bob does not even see alice's schedule
        assertThat(call(HttpMethod.POST, BASE + "/" + id + "/pause", bob, null).status())
                .isEqualTo(404);
        assertThat(call(HttpMethod.PUT, BASE + "/" + id, bob, schedule("Bob's now", "b@example.com"), "\"1\"")
                        .status())
                .isEqualTo(404);
        assertThat(call(HttpMethod.DELETE, BASE + "/" + id, bob, null).status()).isEqualTo(404);

        Response byAdmin = call(HttpMethod.POST, BASE + "/" + id + "/pause", caller("acme", "admin"), null);
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().get("is_active").asBoolean()).isFalse();
    }

    @Test
    void anotherTenantsSchedulesAreNotFound() throws Exception {
        String id = create(caller("acme", "creator"), "Acme only").get("id").asString();
        Caller globexAdmin = caller("globex", "admin");

        for (Response r : List.of(
                call(HttpMethod.GET, BASE + "/" + id, globexAdmin, null),
                call(HttpMethod.POST, BASE + "/" + id + "/run", globexAdmin, null),
                call(HttpMethod.DELETE, BASE + "/" + id, globexAdmin, null),
                call(HttpMethod.GET, BASE + "/" + id + "/executions", globexAdmin, null))) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().get("title").asString()).isEqualTo("Not found");
        }
    }

    @Test
    void anonymousCallersAreUnauthenticated() throws Exception {
        Response r = call(HttpMethod.GET, BASE, null, null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.raw().getContentType()).isEqualTo("application/problem+json");
    }

    // ---------------------------------------------------------------- update, lifecycle, recipients

    @Test
    void updateNeedsTheCurrentVersionFromBodyOrIfMatch() throws Exception {
        Caller alice = caller("acme", "creator");
        String id = create(alice, "Versioned").get("id").asString();
        String path = BASE + "/" + id;

        Response missing = call(HttpMethod.PUT, path, alice, schedule("Renamed", "a@example.com"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error().get("field").asString()).isEqualTo("version");

        Response byHeader = call(HttpMethod.PUT, path, alice, schedule("Renamed", "a@example.com"), "\"1\"");
        assertThat(byHeader.status()).isEqualTo(200);
        assertThat(byHeader.json().get("name").asString()).isEqualTo("Renamed");
        assertThat(byHeader.json().get("version").asLong()).isEqualTo(2);
        assertThat(byHeader.header("ETag")).isEqualTo("\"2\"");

        String withVersion = schedule("Renamed again", "a@example.com").replaceFirst("\\{", "{\"version\": 2,");
        assertThat(call(HttpMethod.PUT, path, alice, withVersion).status()).isEqualTo(200);

        Response stale = call(HttpMethod.PUT, path, alice, withVersion);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("current_version").asLong()).isEqualTo(3);
        assertThat(stale.error().get("field").asString()).isEqualTo("version");
    }

    @Test
    void pausesResumesAndDeletes() throws Exception {
        Caller alice = caller("acme", "creator");
        String id = create(alice, "Lifecycle").get("id").asString();

        Response paused = call(HttpMethod.POST, BASE + "/" + id + "/pause", alice, null);
        assertThat(paused.json().get("is_active").asBoolean()).isFalse();
        assertThat(paused.json().get("status").asString()).isEqualTo("PAUSED");
        assertThat(paused.json().get("paused_at").asString()).isNotBlank();
        Response resumed = call(HttpMethod.POST, BASE + "/" + id + "/resume", alice, null);
        assertThat(resumed.json().get("is_active").asBoolean()).isTrue();
        assertThat(resumed.json().get("upcoming_runs")).hasSize(5);

        assertThat(call(HttpMethod.DELETE, BASE + "/" + id, alice, null).status())
                .isEqualTo(204);
        assertThat(call(HttpMethod.GET, BASE + "/" + id, alice, null).status()).isEqualTo(404);
    }

    @Test
    void addsAndRemovesRecipients() throws Exception {
        Caller alice = caller("acme", "creator");
        String id = create(alice, "Recipients").get("id").asString();

        Response added = call(
                HttpMethod.POST,
                BASE + "/" + id + "/recipients",
                alice,
                "{\"channel\": \"memory\", \"destination\": \"carol@example.com\"}");
        assertThat(added.status()).isEqualTo(201);
        String rid = added.json().get("id").asString();
        assertThat(added.json().get("destination").asString()).isEqualTo("carol@example.com");
        assertThat(call(HttpMethod.GET, BASE + "/" + id, alice, null).json().get("recipients"))
                .hasSize(2);

        Response bad = call(
                HttpMethod.POST,
                BASE + "/" + id + "/recipients",
                alice,
                "{\"channel\": \"pigeon\", \"destination\": \"x\"}");
        assertThat(bad.status()).isEqualTo(400);

        assertThat(call(HttpMethod.DELETE, BASE + "/" + id + "/recipients/" + rid, alice, null)
                        .status())
                .isEqualTo(204);
        assertThat(call(HttpMethod.GET, BASE + "/" + id, alice, null).json().get("recipients"))
                .hasSize(1);
        assertThat(call(HttpMethod.DELETE, BASE + "/" + id + "/recipients/" + rid, alice, null)
                        .status())
                .isEqualTo(404);
    }

    // ---------------------------------------------------------------- run, history, downloads

    @Test
    void runNowGeneratesDeliversAndStreamsTheFile() throws Exception {
        Caller alice = caller("acme", "creator");
        String destination = "dana-" + UUID.randomUUID() + "@example.com";
        String id = call(HttpMethod.POST, BASE, alice, schedule("Run me", destination))
                .json()
                .get("id")
                .asString();

        Response run = call(HttpMethod.POST, BASE + "/" + id + "/run", alice, null);
        assertThat(run.status()).isEqualTo(202);
        String eid = run.json().get("id").asString();
        assertThat(run.json().get("trigger").asString()).isEqualTo("MANUAL");

        String path = BASE + "/" + id + "/executions/" + eid;
        Await.until(
                () -> {
                    try {
                        return "SUCCEEDED"
                                .equals(call(HttpMethod.GET, path, alice, null)
                                        .json()
                                        .get("status")
                                        .asString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "execution " + eid + " to succeed");
        JsonNode execution = call(HttpMethod.GET, path, alice, null).json();
        assertThat(execution.get("row_count").asLong()).isEqualTo(3);
        assertThat(execution.get("file_name").asString()).endsWith(".csv");
        assertThat(execution.get("download_url").asString())
                .isEqualTo("/api/v1/report-executions/" + eid + "/download");
        assertThat(execution.get("deliveries")).hasSize(1);
        assertThat(execution.get("deliveries").get(0).get("status").asString()).isEqualTo("SENT");
        assertThat(execution.get("deliveries").get(0).get("destination").asString())
                .isEqualTo(destination);
        assertThat(channel.receivedBy(destination)).hasSize(1);

        Response history = call(HttpMethod.GET, BASE + "/" + id + "/executions?page=0&size=10", alice, null);
        assertThat(history.json().get("total").asLong()).isEqualTo(1);
        assertThat(history.json().get("items").get(0).get("id").asString()).isEqualTo(eid);
        assertThat(history.json().get("items").get(0).has("deliveries")).isFalse();

        Response download =
                call(HttpMethod.GET, execution.get("download_url").asString(), caller("acme", "admin"), null);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.raw().getContentType()).startsWith("text/csv");
        assertThat(download.header("Content-Disposition"))
                .isEqualTo(
                        "attachment; filename=\"" + execution.get("file_name").asString() + "\"");
        String csv = download.raw().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv.lines().toList()).hasSize(4).first().isEqualTo("tenant,window,n,amount");
        assertThat(csv).contains("acme,");
        assertThat(download.raw().getContentLengthLong())
                .isEqualTo(execution.get("file_size_bytes").asLong());

        assertThat(call(HttpMethod.GET, execution.get("download_url").asString(), caller("globex", "admin"), null)
                        .status())
                .isEqualTo(404);
        assertThat(call(HttpMethod.GET, BASE + "/" + id + "/executions/" + UUID.randomUUID(), alice, null)
                        .status())
                .isEqualTo(404);

        // Signed links: no login, verified by the engine; expired is 410, anything else 404.
        DownloadLinks links = DownloadLinks.create(DownloadLinkConfig.builder()
                .base64Key("test", ApiTestApplication.LINK_KEY)
                .build());
        String token = links.sign(eid, "acme", Instant.now().plus(Duration.ofHours(1)));
        Response byToken = call(HttpMethod.GET, "/api/v1/report-executions/download?token=" + token, null, null);
        assertThat(byToken.status()).isEqualTo(200);
        assertThat(byToken.raw().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(csv);

        String expired = links.sign(eid, "acme", Instant.now().minus(Duration.ofMinutes(1)));
        Response gone = call(HttpMethod.GET, "/api/v1/report-executions/download?token=" + expired, null, null);
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.json().get("title").asString()).isEqualTo("Download link expired");
        Response forged = call(HttpMethod.GET, "/api/v1/report-executions/download?token=" + token + "x", null, null);
        assertThat(forged.status()).isEqualTo(404);
        Response otherTenant = call(
                HttpMethod.GET,
                "/api/v1/report-executions/download?token="
                        + links.sign(eid, "globex", Instant.now().plus(Duration.ofHours(1))),
                null,
                null);
        assertThat(otherTenant.status()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- admin

    @Test
    void adminEndpointsNeedTheAdminRoleAndStayInTheAdminsTenant() throws Exception {
        Caller creator = caller("acme", "creator");
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        Caller tenantCreator = caller(tenant, "creator");
        create(tenantCreator, "Tenant one");
        create(caller(tenant, "creator"), "Tenant two");
        create(creator, "Acme");

        assertThat(call(HttpMethod.GET, "/api/v1/admin/scheduled-reports", creator, null)
                        .status())
                .isEqualTo(403);
        assertThat(call(HttpMethod.GET, "/api/v1/admin/scheduled-reports/stats", creator, null)
                        .status())
                .isEqualTo(403);

        Caller admin = caller(tenant, "admin");
        Response all = call(HttpMethod.GET, "/api/v1/admin/scheduled-reports", admin, null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("total").asLong()).isEqualTo(2);
        List<String> names = new ArrayList<>();
        all.json().get("items").forEach(s -> names.add(s.get("name").asString()));
        assertThat(names).containsExactlyInAnyOrder("Tenant one", "Tenant two");
        Response mine =
                call(HttpMethod.GET, "/api/v1/admin/scheduled-reports?owner=" + tenantCreator.user(), admin, null);
        assertThat(mine.json().get("total").asLong()).isEqualTo(1);

        Response stats = call(HttpMethod.GET, "/api/v1/admin/scheduled-reports/stats", admin, null);
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.json().get("counts_by_status").get("SUCCEEDED").asLong())
                .isZero();
        assertThat(stats.json().has("success_rate_24h")).isTrue();
    }
}
