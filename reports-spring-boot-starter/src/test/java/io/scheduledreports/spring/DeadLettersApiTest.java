package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.core.fixtures.SalesReport;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The dead-letter endpoints end to end on H2 through MockMvc. Dead letters come from the real engine: reports for
 * region {@code south} fail with a DATA error and deliveries to a failing address with a CONFIGURATION error,
 * neither of which is retried, so one run puts one dead letter in the queue.
 */
@SpringBootTest(
        classes = ApiTestApplication.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:dead-letter-api-tests;DB_CLOSE_DELAY=-1",
            "scheduled-reports.polling-interval=100ms",
            "scheduled-reports.artifact-directory=target/dead-letter-api-test-artifacts",
            "scheduled-reports.disk-guard.enabled=false"
        })
@AutoConfigureMockMvc
class DeadLettersApiTest {

    private static final String SCHEDULES = "/api/v1/scheduled-reports";
    private static final String DEAD_LETTERS = "/api/v1/dead-letters";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    RecordingChannel channel;

    @Autowired
    SalesReport sales;

    /** A caller of a tenant with roles. Each test uses its own tenant, so tests do not see each other's data. */
    record Caller(String tenant, String user, String roles) {}

    record Response(int status, MockHttpServletResponse raw, JsonNode json) {
        JsonNode error() {
            return json.get("errors").get(0);
        }

        JsonNode items() {
            return json.get("items");
        }
    }

    /** What a test works with: one tenant's creator and admin. */
    record Tenant(String id, Caller creator, Caller admin) {}

    @BeforeEach
    void failTheSouthRegion() {
        sales.hook(request -> {
            if ("south".equals(request.parameters().get("region"))) {
                throw new ReportsException(ErrorCategory.DATA, "no sales figures exist for region south");
            }
        });
    }

    private static Caller caller(String tenant, String roles) {
        return new Caller(tenant, "u-" + UUID.randomUUID().toString().substring(0, 8), roles);
    }

    private static Tenant tenant() {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        return new Tenant(id, caller(id, "creator"), caller(id, "admin"));
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
        JsonNode json =
                text.isEmpty() || !String.valueOf(res.getContentType()).contains("json") ? null : JSON.readTree(text);
        return new Response(res.getStatus(), res, json);
    }

    private Response get(String query, Caller who) throws Exception {
        return call(HttpMethod.GET, DEAD_LETTERS + query, who, null);
    }

    /** A schedule whose generation fails for good. */
    private String failingGeneration(Tenant t) throws Exception {
        return schedule(t, "south", "reader-" + UUID.randomUUID() + "@example.com");
    }

    /** A schedule whose delivery to {@code destination} fails for good. */
    private String failingDelivery(Tenant t, String destination) throws Exception {
        channel.fail(destination, ErrorCategory.CONFIGURATION);
        return schedule(t, "north", destination);
    }

    private String schedule(Tenant t, String region, String destination) throws Exception {
        String body = """
                {"name": "Sales %s", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "%s"},
                 "schedule": {"cadence": "weekly", "day_of_week": 1, "time": "09:00", "timezone": "UTC"},
                 "recipients": [{"channel": "memory", "destination": "%s"}]}
                """.formatted(region, region, destination);
        Response created = call(HttpMethod.POST, SCHEDULES, t.creator(), body);
        assertThat(created.status()).as("create: %s", created.json()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    /** Runs the schedule now and waits for its dead letter; returns it as the API lists it. */
    private JsonNode runUntilDeadLettered(Tenant t, String scheduleId) throws Exception {
        Response run = call(HttpMethod.POST, SCHEDULES + "/" + scheduleId + "/run", t.creator(), null);
        assertThat(run.status()).isEqualTo(202);
        Await.until(() -> deadLettersOf(t, scheduleId).size() == 1, "a dead letter of schedule " + scheduleId);
        JsonNode deadLetter = deadLettersOf(t, scheduleId).get(0);
        assertThat(deadLetter.get("execution_id").asString())
                .isEqualTo(run.json().get("id").asString());
        return deadLetter;
    }

    private List<JsonNode> deadLettersOf(Tenant t, String scheduleId) {
        try {
            Response r = get("?schedule_id=" + scheduleId, t.admin());
            assertThat(r.status()).as("list: %s", r.json()).isEqualTo(200);
            List<JsonNode> items = new ArrayList<>();
            r.items().forEach(items::add);
            return items;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(Response page) {
        List<String> ids = new ArrayList<>();
        page.items().forEach(d -> ids.add(d.get("id").asString()));
        return ids;
    }

    // ---------------------------------------------------------------- list

    @Test
    void listsTheTenantsDeadLettersWithWhatFailedAndHowLongTheyWait() throws Exception {
        Tenant t = tenant();
        String generation = failingGeneration(t);
        String destination = "ops-" + UUID.randomUUID() + "@example.com";
        String delivery = failingDelivery(t, destination);
        JsonNode failedGeneration = runUntilDeadLettered(t, generation);
        JsonNode failedDelivery = runUntilDeadLettered(t, delivery);

        Response all = get("", t.admin());
        Instant now = Instant.now();
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("total").asLong()).isEqualTo(2);
        assertThat(ids(all))
                .as("newest first")
                .containsExactly(
                        failedDelivery.get("id").asString(),
                        failedGeneration.get("id").asString());

        JsonNode g = failedGeneration;
        assertThat(g.get("id").asString()).isNotBlank();
        assertThat(g.get("schedule_id").asString()).isEqualTo(generation);
        assertThat(g.get("delivery_id").isNull()).isTrue();
        assertThat(g.get("kind").asString()).isEqualTo("GENERATION");
        assertThat(g.get("error_category").asString()).isEqualTo("DATA");
        assertThat(g.get("error_message").asString()).contains("region south");
        assertThat(g.get("attempts").asInt()).as("DATA errors are not retried").isEqualTo(1);
        assertThat(g.get("status").asString()).isEqualTo("UNRESOLVED");
        assertThat(g.get("resolved_at").isNull()).isTrue();
        assertThat(g.get("resolved_by").isNull()).isTrue();
        assertThat(g.get("resolution_note").isNull()).isTrue();
        Instant created = Instant.parse(g.get("created_at").asString());
        assertThat(g.get("time_in_queue_ms").asLong())
                .isBetween(0L, Duration.between(created, now).toMillis());

        JsonNode d = failedDelivery;
        assertThat(d.get("kind").asString()).isEqualTo("DELIVERY");
        assertThat(d.get("delivery_id").asString()).isNotBlank();
        assertThat(d.get("error_category").asString()).isEqualTo("CONFIGURATION");
        assertThat(d.get("error_message").asString()).contains(destination);
        assertThat(channel.receivedBy(destination)).isEmpty();
    }

    @Test
    void filtersByScheduleCategoryStatusAndDate() throws Exception {
        Tenant t = tenant();
        String generation = failingGeneration(t);
        String delivery = failingDelivery(t, "ops-" + UUID.randomUUID() + "@example.com");
        String g = runUntilDeadLettered(t, generation).get("id").asString();
        String d = runUntilDeadLettered(t, delivery).get("id").asString();
        Instant now = Instant.now();

        assertThat(ids(get("?schedule_id=" + generation, t.admin()))).containsExactly(g);
        assertThat(ids(get("?category=configuration", t.admin()))).containsExactly(d);
        assertThat(ids(get("?category=DATA&schedule_id=" + delivery, t.admin())))
                .isEmpty();
        assertThat(ids(get("?status=UNRESOLVED", t.admin()))).containsExactlyInAnyOrder(g, d);
        assertThat(ids(get("?status=resolved", t.admin()))).isEmpty();
        assertThat(ids(get("?from=" + now.minus(Duration.ofHours(1)) + "&to=" + now.plusSeconds(1), t.admin())))
                .containsExactlyInAnyOrder(g, d);
        assertThat(ids(get("?from=" + now.plus(Duration.ofHours(1)), t.admin())))
                .isEmpty();
        assertThat(ids(get("?to=2020-01-01", t.admin()))).isEmpty();

        Response firstPage = get("?page=0&size=1", t.admin());
        assertThat(firstPage.items()).hasSize(1);
        assertThat(firstPage.json().get("total").asLong()).isEqualTo(2);
        assertThat(firstPage.json().get("total_pages").asLong()).isEqualTo(2);
        assertThat(ids(get("?page=1&size=1", t.admin()))).containsExactly(g);
    }

    // ---------------------------------------------------------------- retry and resolve

    @Test
    void retryDeliversAgainAndMarksTheDeadLetterRetried() throws Exception {
        Tenant t = tenant();
        String destination = "ops-" + UUID.randomUUID() + "@example.com";
        String schedule = failingDelivery(t, destination);
        String id = runUntilDeadLettered(t, schedule).get("id").asString();
        channel.heal(destination);

        Response retried = call(
                HttpMethod.POST, DEAD_LETTERS + "/retry", t.admin(), "{\"ids\": [\"%s\", \"%s\"]}".formatted(id, id));

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("retried").asInt()).isEqualTo(1);
        Await.until(() -> channel.receivedBy(destination).size() == 1, "the retried delivery to " + destination);
        JsonNode after = deadLettersOf(t, schedule).get(0);
        assertThat(after.get("status").asString()).isEqualTo("RETRIED");
        assertThat(after.get("resolved_by").asString()).isEqualTo(t.admin().user());
        assertThat(after.get("resolved_at").asString()).isNotBlank();

        Response again = call(HttpMethod.POST, DEAD_LETTERS + "/retry", t.admin(), "{\"ids\": [\"%s\"]}".formatted(id));
        assertThat(again.json().get("retried").asInt())
                .as("a closed dead letter is not replayed twice")
                .isZero();
    }

    @Test
    void resolveClosesWithTheNoteAndStopsTheClock() throws Exception {
        Tenant t = tenant();
        String schedule = failingGeneration(t);
        String id = runUntilDeadLettered(t, schedule).get("id").asString();

        Response noNote =
                call(HttpMethod.POST, DEAD_LETTERS + "/resolve", t.admin(), "{\"ids\": [\"%s\"]}".formatted(id));
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.error().get("field").asString()).isEqualTo("note");
        assertThat(deadLettersOf(t, schedule).get(0).get("status").asString()).isEqualTo("UNRESOLVED");

        Response resolved = call(
                HttpMethod.POST,
                DEAD_LETTERS + "/resolve",
                t.admin(),
                "{\"ids\": [\"%s\"], \"note\": \"region south was retired\"}".formatted(id));

        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json().get("resolved").asInt()).isEqualTo(1);
        JsonNode after = deadLettersOf(t, schedule).get(0);
        assertThat(after.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(after.get("resolution_note").asString()).isEqualTo("region south was retired");
        assertThat(after.get("resolved_by").asString()).isEqualTo(t.admin().user());
        assertThat(after.get("time_in_queue_ms").asLong())
                .as("time in queue ends when resolved")
                .isEqualTo(Duration.between(
                                Instant.parse(after.get("created_at").asString()),
                                Instant.parse(after.get("resolved_at").asString()))
                        .toMillis());
        assertThat(ids(get("?status=UNRESOLVED", t.admin()))).isEmpty();
    }

    @Test
    void purgeDeletesClosedDeadLettersAndKeepsOpenOnes() throws Exception {
        Tenant t = tenant();
        String closed = runUntilDeadLettered(t, failingGeneration(t)).get("id").asString();
        String open = runUntilDeadLettered(t, failingGeneration(t)).get("id").asString();
        call(
                HttpMethod.POST,
                DEAD_LETTERS + "/resolve",
                t.admin(),
                "{\"ids\": [\"%s\"], \"note\": \"known\"}".formatted(closed));

        assertThat(call(HttpMethod.DELETE, DEAD_LETTERS + "?created_before=2020-01-01T00:00:00Z", t.admin(), null)
                        .json()
                        .get("purged")
                        .asInt())
                .isZero();
        Response purged = call(
                HttpMethod.DELETE,
                DEAD_LETTERS + "?created_before=" + Instant.now().plusSeconds(60),
                t.admin(),
                null);

        assertThat(purged.status()).isEqualTo(200);
        assertThat(purged.json().get("purged").asInt()).isEqualTo(1);
        assertThat(ids(get("", t.admin()))).containsExactly(open);
    }

    // ---------------------------------------------------------------- errors

    @Test
    void badInputIsRefusedNamingTheFieldAndTheFix() throws Exception {
        Caller admin = tenant().admin();

        Response category = get("?category=BOGUS", admin);
        assertThat(category.status()).isEqualTo(400);
        assertThat(category.raw().getContentType()).isEqualTo("application/problem+json");
        assertThat(category.error().get("field").asString()).isEqualTo("category");
        assertThat(category.error().get("message").asString()).contains("NETWORK", "BOGUS");

        Response status = get("?status=open", admin);
        assertThat(status.error().get("field").asString()).isEqualTo("status");
        assertThat(status.error().get("message").asString()).contains("UNRESOLVED", "open");

        Response from = get("?from=yesterday", admin);
        assertThat(from.status()).isEqualTo(400);
        assertThat(from.error().get("field").asString()).isEqualTo("from");
        assertThat(from.error().get("message").asString()).contains("2026-02-10T09:00:00Z", "yesterday");

        Response order = get("?from=2026-02-10&to=2026-02-01", admin);
        assertThat(order.error().get("field").asString()).isEqualTo("to");
        assertThat(get("?size=1000", admin).error().get("field").asString()).isEqualTo("size");
        assertThat(get("?page=first", admin).error().get("field").asString()).isEqualTo("page");

        for (String body : List.of("{}", "{\"ids\": []}", "{\"ids\": \"abc\"}")) {
            Response r = call(HttpMethod.POST, DEAD_LETTERS + "/retry", admin, body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.error().get("field").asString()).as(body).isEqualTo("ids");
        }
        Response blank =
                call(HttpMethod.POST, DEAD_LETTERS + "/resolve", admin, "{\"ids\": [\"a\", \" \"], \"note\": \"x\"}");
        assertThat(blank.error().get("field").asString()).isEqualTo("ids[1]");
        Response unknown =
                call(HttpMethod.POST, DEAD_LETTERS + "/resolve", admin, "{\"ids\": [\"a\"], \"notes\": \"x\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error().get("field").asString()).isEqualTo("notes");
        assertThat(unknown.error().get("message").asString()).contains("did you mean note?");
        Response noBody = call(HttpMethod.POST, DEAD_LETTERS + "/retry", admin, null);
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(noBody.raw().getContentType()).isEqualTo("application/problem+json");

        Response noCutOff = call(HttpMethod.DELETE, DEAD_LETTERS, admin, null);
        assertThat(noCutOff.status()).isEqualTo(400);
        assertThat(noCutOff.error().get("field").asString()).isEqualTo("created_before");
        assertThat(noCutOff.error().get("message").asString()).contains("created_before=");
        assertThat(call(HttpMethod.DELETE, DEAD_LETTERS + "?created_before=soon", admin, null)
                        .error()
                        .get("field")
                        .asString())
                .isEqualTo("created_before");
    }

    // ---------------------------------------------------------------- roles and tenants

    @Test
    void onlyAdminsOfTheTenantSeeOrChangeItsDeadLetters() throws Exception {
        Tenant acme = tenant();
        String schedule = failingGeneration(acme);
        String id = runUntilDeadLettered(acme, schedule).get("id").asString();
        String ids = "{\"ids\": [\"%s\"], \"note\": \"not mine\"}".formatted(id);

        for (Caller notAdmin : List.of(acme.creator(), caller(acme.id(), "viewer"))) {
            for (Response r : List.of(
                    get("", notAdmin),
                    call(HttpMethod.POST, DEAD_LETTERS + "/retry", notAdmin, ids),
                    call(HttpMethod.POST, DEAD_LETTERS + "/resolve", notAdmin, ids),
                    call(HttpMethod.DELETE, DEAD_LETTERS + "?created_before=" + Instant.now(), notAdmin, null))) {
                assertThat(r.status()).as("%s: %s", notAdmin.roles(), r.json()).isEqualTo(403);
                assertThat(r.json().get("title").asString()).isEqualTo("Access denied");
                assertThat(r.json().get("detail").asString()).contains("admin");
            }
        }
        assertThat(get("", null).status()).isEqualTo(401);

        Caller otherAdmin = tenant().admin();
        assertThat(get("", otherAdmin).json().get("total").asLong()).isZero();
        assertThat(get("?schedule_id=" + schedule, otherAdmin)
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(call(HttpMethod.POST, DEAD_LETTERS + "/retry", otherAdmin, ids)
                        .json()
                        .get("retried")
                        .asInt())
                .isZero();
        assertThat(call(HttpMethod.POST, DEAD_LETTERS + "/resolve", otherAdmin, ids)
                        .json()
                        .get("resolved")
                        .asInt())
                .isZero();
        assertThat(call(
                                HttpMethod.DELETE,
                                DEAD_LETTERS + "?created_before="
                                        + Instant.now().plusSeconds(60),
                                otherAdmin,
                                null)
                        .json()
                        .get("purged")
                        .asInt())
                .isZero();

        JsonNode untouched = deadLettersOf(acme, schedule).get(0);
        assertThat(untouched.get("status").asString()).isEqualTo("UNRESOLVED");
        assertThat(untouched.get("resolved_by").isNull()).isTrue();
    }
}
