package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.scheduledreports.core.calendar.HolidayRules;
import io.scheduledreports.core.calendar.TenantCalendars;
import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.core.fixtures.SalesReport;
import io.scheduledreports.core.links.DownloadLinkConfig;
import io.scheduledreports.core.links.DownloadLinks;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsException;
import io.scheduledreports.spring.internal.web.OpenApiController;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document served at {@code /api/v1/openapi.json} against the running API on H2: every handler mapping
 * of the starter's controllers is documented and every documented operation is mapped; every endpoint is called
 * for real (successes and the main errors) and each response - status, media type, documented headers and the
 * JSON body - must be what the document says, checked with a JSON Schema 2020-12 validator. Request bodies sent
 * are validated against the documented request schemas too, so the examples below are valid input.
 */
@SpringBootTest(
        classes = ApiTestApplication.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:openapi-contract-tests;DB_CLOSE_DELAY=-1",
            "scheduled-reports.polling-interval=100ms",
            "scheduled-reports.artifact-directory=target/openapi-contract-test-artifacts",
            "scheduled-reports.disk-guard.enabled=false",
            "scheduled-reports.quotas.max-recipients=2",
            "scheduled-reports.download-links.base-url=http://localhost/api/v1/report-executions/download",
            "scheduled-reports.download-links.keys.test=" + ApiTestApplication.LINK_KEY,
            "scheduled-reports.privacy.unsubscribe.base-url=http://localhost/api/v1/unsubscribe"
        })
@AutoConfigureMockMvc
@Import(OpenApiContractTest.Calendars.class)
class OpenApiContractTest {

    /** A holiday calendar every tenant may name, for the business-day schedule forms. */
    @Configuration(proxyBeanMethods = false)
    static class Calendars {
        @Bean
        ScheduledReportsBuilderCustomizer officeCalendar() {
            return builder -> builder.holidayCalendars(TenantCalendars.builder()
                    .shared(
                            "office",
                            HolidayRules.builder("office")
                                    .rules("01-01", "12-25")
                                    .build())
                    .build());
        }
    }

    private static final String BASE = "/api/v1";
    private static final String CONTROLLERS = "io.scheduledreports.spring.internal.web";
    private static final String DOCUMENT_URI = "https://scheduledreports.io/api/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Real responses, one per operation and status, for the README. */
    private static final Path EXAMPLES = Path.of("target", "openapi-examples");

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    RecordingChannel channel;

    @Autowired
    SalesReport sales;

    /** Generations of this schedule wait until released, so that a second run-now meets the first (409). */
    private volatile String held;

    private final CountDownLatch release = new CountDownLatch(1);

    private JsonNode document;
    private SchemaRegistry schemas;
    /** "POST /scheduled-reports 201" for every response checked against the document. */
    private final Set<String> checked = new TreeSet<>();

    record Caller(String tenant, String user, String roles) {}

    record Response(int status, MockHttpServletResponse raw, JsonNode json) {
        String id() {
            return json.get("id").asString();
        }
    }

    @BeforeEach
    void readTheServedDocument() throws Exception {
        MockHttpServletResponse res = mvc.perform(request(HttpMethod.GET, BASE + "/openapi.json"))
                .andReturn()
                .getResponse();
        assertThat(res.getStatus()).isEqualTo(200);
        assertThat(res.getContentType()).startsWith("application/json");
        String text = res.getContentAsString(StandardCharsets.UTF_8);
        document = JSON.readTree(text);
        schemas = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build())
                        .schemas(Map.of(DOCUMENT_URI, text)));
        sales.hook(request -> {
            if ("south".equals(request.parameters().get("region"))) {
                throw new ReportsException(ErrorCategory.DATA, "no sales figures exist for region south");
            }
            if (held != null && held.equals(request.scheduleId()) && !release.await(30, TimeUnit.SECONDS)) {
                throw new ReportsException(ErrorCategory.TIMEOUT, "schedule " + held + " was never released");
            }
        });
    }

    // ---------------------------------------------------------------- the document and the mappings

    @Test
    void everyControllerMappingIsDocumentedAndEveryDocumentedOperationIsMapped() {
        Map<String, String> mapped = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e :
                mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = e.getValue();
            if (!handler.getBeanType().getPackageName().equals(CONTROLLERS)) {
                continue;
            }
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            if (methods.isEmpty()) {
                problems.add(handler + " maps every HTTP method; give it one");
            }
            for (String pattern : e.getKey().getPatternValues()) {
                if (!pattern.startsWith(BASE + "/")) {
                    problems.add(handler + " is mapped to " + pattern + ", outside the base path " + BASE);
                    continue;
                }
                for (RequestMethod m : methods) {
                    mapped.put(m.name() + " " + pattern.substring(BASE.length()), handler.getShortLogMessage());
                }
            }
        }
        assertThat(mapped).as("handler mappings of %s", CONTROLLERS).isNotEmpty();

        Set<String> documented = new TreeSet<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    if (METHODS.contains(op.getKey())) {
                        documented.add(op.getKey().toUpperCase() + " " + path.getKey());
                    }
                }));
        mapped.forEach((operation, handler) -> {
            if (!documented.contains(operation)) {
                String[] parts = operation.split(" ", 2);
                problems.add("not in openapi.json: " + operation + " (" + handler + "); add paths[\"" + parts[1]
                        + "\"]." + parts[0].toLowerCase() + " to " + OpenApiController.RESOURCE);
            }
        });
        documented.forEach(operation -> {
            if (!mapped.containsKey(operation)) {
                problems.add("documented in openapi.json but no controller maps it: " + operation);
            }
        });
        assertThat(problems).as("openapi.json against the controllers").isEmpty();
    }

    @Test
    void theDocumentIsOpenApi31WithResolvableReferencesAndOperationIds() throws Exception {
        assertThat(document.get("openapi").asString()).startsWith("3.1.");
        assertThat(document.get("servers").get(0).get("url").asString()).isEqualTo(BASE);
        List<String> unresolved = new ArrayList<>();
        references(document, unresolved);
        assertThat(unresolved).as("$refs that point nowhere").isEmpty();
        Set<String> ids = new TreeSet<>();
        List<String> duplicates = new ArrayList<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    if (METHODS.contains(op.getKey())) {
                        String id = op.getValue().path("operationId").asString("");
                        assertThat(id)
                                .as("operationId of %s %s", op.getKey(), path.getKey())
                                .isNotBlank();
                        if (!ids.add(id)) {
                            duplicates.add(id);
                        }
                        assertThat(op.getValue().get("responses"))
                                .as("responses of %s %s", op.getKey(), path.getKey())
                                .isNotNull();
                    }
                }));
        assertThat(duplicates).isEmpty();
        // The served document is the resource with only the server changed.
        try (InputStream in = OpenApiController.class.getResourceAsStream(OpenApiController.RESOURCE)) {
            JsonNode resource = JSON.readTree(in);
            assertThat(document.get("paths")).isEqualTo(resource.get("paths"));
            assertThat(document.get("components")).isEqualTo(resource.get("components"));
        }
    }

    /** The check above can fail: responses that differ from the document in the usual ways are refused. */
    @Test
    void responsesThatDifferFromTheDocumentAreRefused() throws Exception {
        Caller creator = new Caller("t-" + UUID.randomUUID().toString().substring(0, 8), "u-1", "creator");
        JsonNode real =
                raw(HttpMethod.POST, BASE + "/scheduled-reports", creator, """
                        {"name": "Daily", "report_type": "sales",
                         "report_params": {"date_range": "last_7_days", "region": "north"},
                         "schedule": {"cadence": "daily", "time": "09:00", "timezone": "UTC"}}
                        """).json();
        Schema schedule = schema("/components/schemas/Schedule");
        assertThat(schedule.validate(real)).isEmpty();

        assertThat(schedule.validate(with(real, "parameters", JSON.createObjectNode())))
                .as("an undocumented field")
                .isNotEmpty();
        assertThat(schedule.validate(without(real, "version")))
                .as("a missing field")
                .isNotEmpty();
        assertThat(schedule.validate(
                        with(real, "created_at", JSON.getNodeFactory().stringNode("yesterday"))))
                .as("a date-time that is none")
                .isNotEmpty();
        assertThat(schedule.validate(with(real, "status", JSON.getNodeFactory().stringNode("DELETED"))))
                .as("a value outside the enum")
                .isNotEmpty();
        assertThat(schedule.validate(with(real, "schedule", JSON.readTree("{\"cadence\": \"hourly\"}"))))
                .as("a schedule of no documented cadence")
                .isNotEmpty();

        Schema spec = schema("/components/schemas/ScheduleSpec");
        JsonNode monthEnd = JSON.readTree("""
                {"cadence": "monthly", "day_of_month": {"business_day": -2}, "time": "18:00", "timezone": "UTC",
                 "holiday_calendar": "office"}""");
        assertThat(spec.validate(monthEnd)).as("a business-day form").isEmpty();
        assertThat(spec.validate(
                        with(monthEnd, "on_holiday", JSON.getNodeFactory().stringNode("SKIP"))))
                .as("on_holiday with a business-day form")
                .isNotEmpty();
        assertThat(spec.validate(JSON.readTree("""
                        {"cadence": "daily", "business_days": true, "time": "07:00", "timezone": "UTC",
                         "holiday_calendar": "office", "on_holiday": "SKIP"}""")))
                .as("on_holiday with business_days")
                .isNotEmpty();
        assertThat(spec.validate(JSON.readTree("""
                        {"cadence": "weekly", "day_of_week": 5, "time": "16:00", "timezone": "UTC",
                         "on_holiday": "SKIP"}""")))
                .as("on_holiday without a holiday_calendar")
                .isNotEmpty();
        assertThat(spec.validate(with(monthEnd, "day_of_month", JSON.readTree("{\"business_day\": 0}"))))
                .as("business day 0")
                .isNotEmpty();

        Schema tooMany = schema("/components/responses/TooManyRequests/content/application~1problem+json/schema");
        JsonNode limited = JSON.readTree("""
                {"title": "Too many requests", "status": 429, "detail": "manual_runs.cooldown: wait",
                 "retry_after_seconds": 60, "errors": [{"field": "manual_runs.cooldown", "message": "wait"}]}""");
        assertThat(tooMany.validate(limited)).isEmpty();
        assertThat(tooMany.validate(without(limited, "retry_after_seconds")))
                .as("a 429 without retry_after_seconds")
                .isNotEmpty();
        Schema inProgress = schema("/components/responses/RunInProgress/content/application~1problem+json/schema");
        JsonNode running = JSON.readTree("""
                {"title": "Run in progress", "status": 409, "detail": "run: wait", "execution_id": "e-1",
                 "errors": [{"field": "run", "message": "wait"}]}""");
        assertThat(inProgress.validate(running)).isEmpty();
        assertThat(inProgress.validate(without(running, "execution_id")))
                .as("a 409 run in progress without execution_id")
                .isNotEmpty();

        JsonNode problem = raw(HttpMethod.POST, BASE + "/scheduled-reports", creator, "{\"name\": 1, \"x\": 2}")
                .json();
        Schema badRequest = schema("/components/responses/BadRequest/content/application~1problem+json/schema");
        assertThat(badRequest.validate(problem)).isEmpty();
        assertThat(badRequest.validate(without(problem, "errors")))
                .as("a 400 without errors")
                .isNotEmpty();
        assertThat(badRequest.validate(
                        with(problem, "status", JSON.getNodeFactory().numberNode(500))))
                .as("a 400 that says 500")
                .isNotEmpty();
    }

    /** The README's request bodies and responses are what the document describes. */
    @Test
    void theReadmeExamplesMatchTheDocument() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("### REST API: requests and responses");
        assertThat(start).as("the README's REST section").isNotNegative();
        int end = readme.indexOf("\n## ", start);
        List<String> blocks = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        for (String line : (readme.substring(start, end) + "\n\n").split("\n", -1)) {
            if (line.startsWith("    ")) {
                block.append(line.substring(4)).append('\n');
            } else if (line.isBlank() && !block.isEmpty()) {
                blocks.add(block.toString());
                block.setLength(0);
            }
        }
        Map<String, Integer> checkedBySchema = new TreeMap<>();
        for (String text : blocks) {
            JsonNode json = JSON.readTree(text);
            String schema = json.has("next_runs")
                    ? "SchedulePreview"
                    : json.has("report_type") && json.has("id")
                            ? "Schedule"
                            : json.has("report_type")
                                    ? "ScheduleInput"
                                    : json.has("schedule_id")
                                            ? "Execution"
                                            : json.has("items")
                                                    ? "DeadLetterPage"
                                                    : json.has("counts_by_status")
                                                            ? "Stats"
                                                            : json.has("title")
                                                                    ? "Problem"
                                                                    : json.has("recipient_id") && json.has("status")
                                                                            ? "TestDelivery"
                                                                            : json.has("channel") ? "Recipient" : null;
            assertThat(schema).as("a schema for the README example %s", text).isNotNull();
            assertThat(schema("/components/schemas/" + schema).validate(json))
                    .as("README example against %s: %s", schema, text)
                    .isEmpty();
            checkedBySchema.merge(schema, 1, Integer::sum);
        }
        assertThat(checkedBySchema)
                .containsOnlyKeys(
                        "Schedule",
                        "ScheduleInput",
                        "Recipient",
                        "Execution",
                        "DeadLetterPage",
                        "Stats",
                        "TestDelivery",
                        "SchedulePreview",
                        "Problem")
                .containsEntry("SchedulePreview", 1)
                .containsEntry("ScheduleInput", 3)
                .containsEntry("Problem", 4);
    }

    private static JsonNode with(JsonNode node, String field, JsonNode value) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) node.deepCopy();
        copy.set(field, value);
        return copy;
    }

    private static JsonNode without(JsonNode node, String field) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) node.deepCopy();
        copy.remove(field);
        return copy;
    }

    // ---------------------------------------------------------------- every endpoint for real

    @Test
    void everyEndpointAnswersAsDocumented() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        Caller creator = new Caller(tenant, "u-" + UUID.randomUUID().toString().substring(0, 8), "creator");
        Caller viewer = new Caller(tenant, "viewer-1", "viewer");
        Caller admin = new Caller(tenant, "admin-1", "admin");
        Caller stranger = new Caller("other-" + tenant, "someone", "admin");
        String destination = "dana-" + UUID.randomUUID() + "@example.com";

        // Schedules
        Response created = call(HttpMethod.POST, "/scheduled-reports", creator, """
                {"name": "Weekly Sales Summary", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "output_format": "csv",
                 "schedule": {"cadence": "weekly", "day_of_week": 1, "time": "09:00", "timezone": "America/New_York"},
                 "recipients": [{"channel": "memory", "destination": "%s"}],
                 "misfire_policy": "RUN_ONCE", "empty_report_policy": "ALWAYS", "overlap_policy": "skip", "locale": "en-US",
                 "delivery_options": {"memory": {"subject": "Sales {date}"}}, "timeout": "PT30M",
                 "format_options": {"delimiter": ";", "bom": true, "comment": true}}
                """.formatted(destination), 201);
        assertThat(created.json().get("format_options").get("delimiter").asString())
                .isEqualTo(";");
        String id = created.id();
        String schedule = "/scheduled-reports/" + id;
        Response preview =
                call(HttpMethod.POST, "/scheduled-reports/preview", creator, """
                {"name": "Nightly", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "schedule": {"cadence": "daily", "time": "02:30", "timezone": "America/New_York"},
                 "recipients": [{"channel": "memory", "destination": "%s"}]}
                """.formatted(destination), 200);
        assertThat(preview.json().get("warnings").toString()).contains("DST_GAP");
        assertThat(preview.json().get("sample").get("rows")).isNotEmpty();
        Response noSample = call(HttpMethod.POST, "/scheduled-reports/preview", creator, """
                {"name": "South", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "south"},
                 "schedule": {"cadence": "monthly", "day_of_month": 31, "time": "09:00", "timezone": "UTC"}}
                """, 200);
        assertThat(noSample.json().get("sample").isNull()).isTrue();
        call(HttpMethod.POST, "/scheduled-reports/preview", creator, """
                {"name": "Bad zone", "report_type": "sales",
                 "schedule": {"cadence": "daily", "time": "09:00", "timezone": "Mars/Olympus"}}
                """, 400);
        call(HttpMethod.POST, "/scheduled-reports/preview", viewer, "{}", 403);
        call(HttpMethod.GET, "/scheduled-reports?page=0&size=10&status=active", creator, null, 200);
        call(HttpMethod.GET, schedule, creator, null, 200);
        // Visibility: a viewer of the same tenant reads only its own schedules
        call(HttpMethod.GET, schedule, viewer, null, 404);
        call(HttpMethod.GET, "/scheduled-reports", viewer, null, 200);
        Response updated = call(HttpMethod.PUT, schedule, creator, """
                {"name": "Weekly Sales Summary (EMEA)", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "output_format": "csv",
                 "schedule": {"cadence": "weekly", "day_of_week": [1, 4], "time": "08:30", "timezone": "Europe/Berlin"},
                 "recipients": [{"channel": "memory", "destination": "%s"}],
                 "overlap_policy": "QUEUE", "version": 1}
                """.formatted(destination), 200);
        assertThat(updated.json().get("version").asLong()).isEqualTo(2);
        assertThat(updated.json().get("overlap_policy").asString()).isEqualTo("QUEUE");
        call(HttpMethod.POST, schedule + "/pause", creator, null, 200);
        call(HttpMethod.POST, schedule + "/resume", creator, null, 200);

        // Recipients
        Response recipient = call(
                HttpMethod.POST,
                schedule + "/recipients",
                creator,
                "{\"channel\": \"memory\", \"destination\": \"erin@example.com\", \"options\": {\"note\": \"cc\"}}",
                201);
        call(HttpMethod.DELETE, schedule + "/recipients/" + recipient.id(), creator, null, 204);

        // Run now, history, one execution, downloads
        Response run = call(HttpMethod.POST, schedule + "/run", creator, null, 202);
        String execution = schedule + "/executions/" + run.id();
        Await.until(() -> "SUCCEEDED".equals(quietly(execution, creator)), "execution " + run.id());
        Response succeeded = call(HttpMethod.GET, execution, creator, null, 200);
        call(HttpMethod.GET, schedule + "/executions?page=0&size=5", creator, null, 200);
        call(
                HttpMethod.GET,
                succeeded.json().get("download_url").asString().substring(BASE.length()),
                creator,
                null,
                200);
        DownloadLinks links = DownloadLinks.create(DownloadLinkConfig.builder()
                .base64Key("test", ApiTestApplication.LINK_KEY)
                .build());
        String token = links.sign(run.id(), tenant, Instant.now().plus(Duration.ofHours(1)));
        call(HttpMethod.GET, "/report-executions/download?token=" + token, null, null, 200);
        call(HttpMethod.GET, "/report-executions/download?token=" + token + "x", null, null, 404);
        String expired = links.sign(run.id(), tenant, Instant.now().minus(Duration.ofMinutes(1)));
        call(HttpMethod.GET, "/report-executions/download?token=" + expired, null, null, 410);

        // Recipient states, unsubscribe links and re-activation
        String unsubscribeUrl =
                channel.receivedBy(destination).get(0).variables().get("unsubscribe_url");
        assertThat(unsubscribeUrl).startsWith("http://localhost/api/v1/unsubscribe?token=");
        String unsubscribe = unsubscribeUrl.substring("http://localhost/api/v1".length());
        Response page = call(HttpMethod.GET, unsubscribe, null, null, 200);
        assertThat(page.raw().getContentAsString(StandardCharsets.UTF_8)).contains("Unsubscribe from this report");
        call(HttpMethod.GET, unsubscribe + "x", null, null, 404);
        String expiredUnsubscribe = io.scheduledreports.core.links.UnsubscribeLinks.create(
                        DownloadLinkConfig.builder()
                                .base64Key("test", ApiTestApplication.LINK_KEY)
                                .build(),
                        Duration.ofDays(1))
                .sign(tenant, "any-recipient", Instant.now().minus(Duration.ofMinutes(1)));
        call(HttpMethod.POST, "/unsubscribe?token=" + expiredUnsubscribe, null, null, 410);
        call(HttpMethod.POST, "/unsubscribe?token=" + token, null, null, 404); // a download token
        call(HttpMethod.POST, unsubscribe + "&scope=everything", null, null, 400);
        call(HttpMethod.POST, unsubscribe, null, null, 200);
        Response states = call(HttpMethod.GET, schedule + "/recipients", creator, null, 200);
        assertThat(states.json().get(0).get("status").asString()).isEqualTo("UNSUBSCRIBED");
        String unsubscribed = states.json().get(0).get("id").asString();
        call(HttpMethod.GET, schedule + "/recipients", stranger, null, 404);
        String reactivate = schedule + "/recipients/" + unsubscribed + "/reactivate";
        Response noConsent = call(HttpMethod.POST, reactivate, creator, "{\"consent_confirmed\": false}", 400);
        assertThat(noConsent.json().get("errors").get(0).get("field").asString())
                .isEqualTo("consent_confirmed");
        call(HttpMethod.POST, reactivate, viewer, "{\"consent_confirmed\": true}", 403);
        Response reactivated = call(HttpMethod.POST, reactivate, creator, "{\"consent_confirmed\": true}", 200);
        assertThat(reactivated.json().get("status").asString()).isEqualTo("ACTIVE");

        // GDPR export and erasure (admins), the caller's weekly summary setting
        Response exported =
                call(HttpMethod.POST, "/admin/privacy/export", admin, "{\"email\": \"" + destination + "\"}", 200);
        assertThat(exported.json().get("recipient_of")).isNotEmpty();
        assertThat(exported.json().get("deliveries_to_them")).isNotEmpty();
        Response ownerExport =
                call(HttpMethod.POST, "/admin/privacy/export", admin, "{\"user_id\": \"" + creator.user() + "\"}", 200);
        assertThat(ownerExport.json().get("schedules_owned").get(0).get("id").asString())
                .isEqualTo(id);
        call(HttpMethod.POST, "/admin/privacy/export", creator, "{\"user_id\": \"x\"}", 403);
        call(HttpMethod.POST, "/admin/privacy/export", admin, "{}", 400);
        Response nobody =
                call(HttpMethod.POST, "/admin/privacy/erase", admin, "{\"email\": \"nobody@example.com\"}", 200);
        assertThat(nobody.json().get("total").asInt()).as("an unknown address").isZero();
        assertThat(nobody.json().get("pseudonym").asString()).startsWith("erased:test:");
        call(HttpMethod.POST, "/admin/privacy/erase", admin, "{\"email\": \"a@example.com\", \"user_id\": \"u\"}", 400);
        call(HttpMethod.POST, "/admin/privacy/erase", admin, "{\"email\": \"a@example.com\", \"name\": \"u\"}", 400);
        call(HttpMethod.POST, "/admin/privacy/erase", viewer, "{\"user_id\": \"u\"}", 403);
        call(HttpMethod.POST, "/admin/privacy/erase", null, "{\"user_id\": \"u\"}", 401);
        assertThat(call(HttpMethod.GET, "/me/weekly-summary", viewer, null, 200)
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isTrue();
        assertThat(call(HttpMethod.PUT, "/me/weekly-summary", viewer, "{\"enabled\": false}", 200)
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(call(HttpMethod.GET, "/me/weekly-summary", viewer, null, 200)
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isFalse();
        call(HttpMethod.PUT, "/me/weekly-summary", viewer, "{}", 400);
        call(HttpMethod.GET, "/me/weekly-summary", null, null, 401);

        // Dead letters: a schedule whose generation fails for good
        Response failing = call(HttpMethod.POST, "/scheduled-reports", creator, """
                {"name": "South", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "south"},
                 "schedule": {"cadence": "monthly", "day_of_month": "last", "time": "18:00", "timezone": "UTC"}}
                """, 201);
        call(HttpMethod.POST, "/scheduled-reports/" + failing.id() + "/run", creator, null, 202);
        String deadLetters = "/dead-letters?schedule_id=" + failing.id();
        Await.until(() -> quietlyTotal(deadLetters, admin) == 1, "a dead letter of " + failing.id());
        Response listed = call(HttpMethod.GET, deadLetters + "&category=data&status=unresolved", admin, null, 200);
        String deadLetter = listed.json().get("items").get(0).get("id").asString();
        call(HttpMethod.POST, "/dead-letters/retry", admin, "{\"ids\": [\"" + deadLetter + "\"]}", 200);
        Await.until(() -> quietlyTotal(deadLetters + "&status=unresolved", admin) == 1, "the retry to fail again");
        String again = call(HttpMethod.GET, deadLetters + "&status=unresolved", admin, null, 200)
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        call(
                HttpMethod.POST,
                "/dead-letters/resolve",
                admin,
                "{\"ids\": [\"" + again + "\"], \"note\": \"region south has no data yet\"}",
                200);
        call(HttpMethod.GET, deadLetters, admin, null, 200);
        Response history = call(HttpMethod.GET, "/dead-letters/" + deadLetter + "/history", admin, null, 200);
        assertThat(history.json().get(0).get("category").asString()).isEqualTo("DATA");
        call(HttpMethod.GET, "/dead-letters/no-such-id/history", admin, null, 404);
        call(HttpMethod.GET, "/dead-letters/" + deadLetter + "/history", creator, null, 403);
        call(
                HttpMethod.POST,
                "/dead-letters/retry-all",
                admin,
                "{\"schedule_id\": \"" + failing.id() + "\", \"category\": \"data\"}",
                200);
        call(HttpMethod.POST, "/dead-letters/retry-all", creator, "{}", 403);
        call(HttpMethod.POST, "/dead-letters/delete-all", admin, "{\"colour\": \"red\"}", 400);
        call(HttpMethod.POST, "/dead-letters/delete-all", admin, "{\"category\": \"sideways\"}", 400);
        Response deleted = call(
                HttpMethod.POST,
                "/dead-letters/delete-all",
                admin,
                "{\"schedule_id\": \"" + failing.id() + "\", \"status\": \"resolved\"}",
                200);
        assertThat(deleted.json().get("deleted").asInt()).isEqualTo(1);
        call(HttpMethod.DELETE, "/dead-letters?created_before=" + Instant.now().plusSeconds(1), admin, null, 200);

        // Business-day schedule forms and holiday calendars, read and written back
        Response businessDays = call(HttpMethod.POST, "/scheduled-reports", creator, """
                {"name": "Month end", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "schedule": {"cadence": "monthly", "day_of_month": {"business_day": -2}, "time": "18:00",
                              "timezone": "Europe/Berlin", "holiday_calendar": "office"}}
                """, 201);
        assertThat(businessDays.json().get("schedule").get("holiday_calendar").asString())
                .isEqualTo("office");
        String businessRun = "/scheduled-reports/" + businessDays.id() + "/run";
        call(HttpMethod.POST, businessRun + "?timeout=PT5M", creator, null, 403);
        call(HttpMethod.POST, businessRun + "?timeout=five-minutes", admin, null, 400);
        call(HttpMethod.POST, businessRun + "?timeout=PT30H", admin, null, 400);
        Response overridden = call(HttpMethod.POST, businessRun + "?timeout=PT5M", admin, null, 202);
        assertThat(overridden.json().get("timeout_seconds").asLong()).isEqualTo(300);
        assertThat(businessDays.json().get("schedule").has("on_holiday"))
                .as("a business-day form takes no on_holiday")
                .isFalse();
        call(HttpMethod.PUT, "/scheduled-reports/" + businessDays.id(), creator, """
                {"name": "Month end", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "schedule": {"cadence": "daily", "business_days": true, "time": "07:00",
                              "timezone": "Europe/Berlin", "holiday_calendar": "office"},
                 "version": 1}
                """, 200);
        Response weekly = call(HttpMethod.POST, "/scheduled-reports", creator, """
                {"name": "Fridays", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "schedule": {"cadence": "weekly", "day_of_week": 5, "time": "16:00", "timezone": "Europe/Berlin",
                              "holiday_calendar": "office", "on_holiday": "PREVIOUS_BUSINESS_DAY"}}
                """, 201);
        call(HttpMethod.DELETE, "/scheduled-reports/" + weekly.id(), creator, null, 204);
        Response nthWeekday = call(HttpMethod.POST, "/scheduled-reports", creator, """
                {"name": "Second Tuesday", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "schedule": {"cadence": "monthly", "day_of_month": {"weekday": "TUE", "ordinal": 2},
                              "time": "10:00", "timezone": "UTC", "holiday_calendar": "office"}}
                """, 201);
        assertThat(nthWeekday.json().get("schedule").get("on_holiday").asString())
                .as("the nth weekday may fall on a holiday; it moves to the next business day by default")
                .isEqualTo("NEXT_BUSINESS_DAY");
        call(HttpMethod.DELETE, "/scheduled-reports/" + nthWeekday.id(), creator, null, 204);
        call(HttpMethod.DELETE, "/scheduled-reports/" + businessDays.id(), creator, null, 204);

        // Run now while a manual run is in progress (409), then within the cooldown (429)
        Response west = call(HttpMethod.POST, "/scheduled-reports", creator, """
                {"name": "West", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "schedule": {"cadence": "daily", "time": "06:00", "timezone": "UTC"}}
                """, 201);
        String westRun = "/scheduled-reports/" + west.id() + "/run";
        held = west.id();
        Response first = call(HttpMethod.POST, westRun, creator, null, 202);
        try {
            Response inProgress = call(HttpMethod.POST, westRun, creator, null, 409);
            assertThat(inProgress.json().get("execution_id").asString()).isEqualTo(first.id());
        } finally {
            release.countDown();
        }
        String westExecution = "/scheduled-reports/" + west.id() + "/executions/" + first.id();
        Await.until(() -> "SUCCEEDED".equals(quietly(westExecution, creator)), "execution " + first.id());
        Response tooSoon = call(HttpMethod.POST, westRun, creator, null, 429);
        assertThat(tooSoon.json().get("errors").get(0).get("field").asString()).isEqualTo("manual_runs.cooldown");
        assertThat(tooSoon.raw().getHeader("Retry-After"))
                .isEqualTo(tooSoon.json().get("retry_after_seconds").asString());

        // Test deliveries and connection checks
        Response withRecipient = call(HttpMethod.GET, schedule, creator, null, 200);
        String recipientId =
                withRecipient.json().get("recipients").get(0).get("id").asString();
        String testPath = schedule + "/test";
        Response sent = call(HttpMethod.POST, testPath, creator, "{\"recipient_id\": \"" + recipientId + "\"}", 200);
        assertThat(sent.json().get("status").asString()).isEqualTo("sent");
        channel.fail(destination, ErrorCategory.NETWORK);
        try {
            Response failed =
                    call(HttpMethod.POST, testPath, creator, "{\"recipient_id\": \"" + recipientId + "\"}", 200);
            assertThat(failed.json().get("status").asString()).isEqualTo("failed");
            assertThat(failed.json().get("error_category").asString()).isEqualTo("NETWORK");
        } finally {
            channel.heal(destination);
        }
        call(HttpMethod.POST, testPath, creator, "{}", 400);
        Response unknownField =
                call(HttpMethod.POST, testPath, creator, "{\"recipient\": \"" + recipientId + "\"}", 400);
        assertThat(unknownField.json().get("errors").get(0).get("field").asString())
                .isEqualTo("recipient");
        Response alias =
                call(HttpMethod.POST, "/channels/memory/test", admin, "{\"address\": \"ops@example.com\"}", 400);
        assertThat(alias.json().get("detail").asString()).contains("did you mean destination?");
        call(HttpMethod.POST, testPath, creator, "{\"recipient_id\": \"" + UUID.randomUUID() + "\"}", 404);
        call(HttpMethod.POST, testPath, null, "{\"recipient_id\": \"" + recipientId + "\"}", 401);
        call(
                HttpMethod.POST,
                testPath,
                new Caller(tenant, "u-someone-else", "creator"),
                "{\"recipient_id\": \"" + recipientId + "\"}",
                404);
        call(HttpMethod.POST, testPath, viewer, "{\"recipient_id\": \"" + recipientId + "\"}", 403);
        Response check =
                call(HttpMethod.POST, "/channels/memory/test", admin, "{\"destination\": \"ops@example.com\"}", 200);
        assertThat(check.json().get("status").asString()).isEqualTo("unsupported");
        call(HttpMethod.POST, "/channels/memory/test", admin, "{\"destination\": \"nope\"}", 400);
        call(HttpMethod.POST, "/channels/fax/test", admin, "{\"destination\": \"ops@example.com\"}", 404);
        call(HttpMethod.POST, "/channels/memory/test", creator, "{\"destination\": \"ops@example.com\"}", 403);
        call(HttpMethod.POST, "/channels/memory/test", null, "{\"destination\": \"ops@example.com\"}", 401);
        // A second admin uses up the per-user limit of test deliveries and connection checks
        Caller flooder = new Caller(tenant, "admin-2", "admin");
        for (int i = 0; i < 5; i++) {
            call(HttpMethod.POST, "/channels/memory/test", flooder, "{\"destination\": \"ops@example.com\"}", 200);
        }
        call(HttpMethod.POST, "/channels/memory/test", flooder, "{\"destination\": \"ops@example.com\"}", 429);
        Response limited = call(HttpMethod.POST, testPath, flooder, "{\"recipient_id\": \"" + recipientId + "\"}", 429);
        assertThat(limited.json().get("errors").get(0).get("field").asString())
                .isEqualTo("test_deliveries.per_user_per_minute");

        // Executions across schedules, lists with filters, the audit log
        Response across =
                call(HttpMethod.GET, "/report-executions?status=succeeded&trigger=manual&limit=5", creator, null, 200);
        assertThat(across.json().get("items").get(0).get("output_format").asString())
                .isEqualTo("csv");
        call(HttpMethod.GET, "/report-executions?state=failed", creator, null, 400);
        call(HttpMethod.GET, "/scheduled-reports?status=failing&q=sales&sort=name&limit=5", creator, null, 200);
        call(HttpMethod.GET, "/scheduled-reports?sort=owner", creator, null, 400);
        Response audit = call(HttpMethod.GET, "/audit-events?entity_id=" + id + "&limit=3", admin, null, 200);
        assertThat(audit.json().get("items").get(0).get("entity_id").asString()).isEqualTo(id);
        call(HttpMethod.GET, "/audit-events.csv?entity_id=" + id, admin, null, 200);
        call(HttpMethod.GET, "/audit-events", creator, null, 403);
        call(HttpMethod.GET, "/audit-events.csv?actor=x&limt=2", admin, null, 400);

        // Admin views
        call(HttpMethod.GET, "/admin/scheduled-reports?owner=" + creator.user(), admin, null, 200);
        call(HttpMethod.GET, "/admin/scheduled-reports/stats", admin, null, 200);
        JsonNode disk = call(HttpMethod.GET, "/admin/scheduled-reports/disk?days=7", admin, null, 200)
                .json();
        assertThat(disk.get("free_bytes").asLong())
                .as("a local directory knows")
                .isPositive();
        assertThat(disk.get("stored_files").asLong()).isPositive();
        assertThat(disk.get("largest_consumers").get(0).get("schedule_id").asString())
                .isNotBlank();
        call(HttpMethod.GET, "/admin/scheduled-reports/disk?days=91", admin, null, 400);
        call(HttpMethod.GET, "/admin/scheduled-reports/disk?day=7", admin, null, 400);
        call(HttpMethod.GET, "/admin/scheduled-reports/disk", creator, null, 403);
        call(HttpMethod.GET, "/openapi.json", null, null, 200);

        // What may be scheduled, and who is calling
        JsonNode catalog =
                call(HttpMethod.GET, "/report-types", viewer, null, 200).json();
        JsonNode salesType = catalog.get("items").get(0);
        assertThat(salesType.get("id").asString()).isEqualTo("sales");
        assertThat(salesType.get("parameters").get(1).get("allowed_values").toString())
                .isEqualTo("[\"north\",\"south\"]");
        assertThat(catalog.get("output_formats").toString()).contains("\"csv\"");
        assertThat(catalog.get("channels").toString()).contains("\"memory\"");
        call(HttpMethod.GET, "/report-types", null, null, 401);
        JsonNode me = call(HttpMethod.GET, "/me", creator, null, 200).json();
        assertThat(me.get("tenant_id").asString()).isEqualTo(tenant);
        assertThat(me.get("roles").toString()).isEqualTo("[\"creator\"]");
        call(HttpMethod.GET, "/me", null, null, 401);

        // The main errors
        call(HttpMethod.POST, "/scheduled-reports", creator, "{\"name\": \"x\", \"parameters\": {}}", 400);
        call(HttpMethod.POST, "/scheduled-reports", creator, """
                {"name": "Bad zone", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "schedule": {"cadence": "daily", "time": "09:00", "timezone": "Mars/Olympus"}}
                """, 400);
        Response badFormatOption = call(HttpMethod.POST, "/scheduled-reports", creator, """
                {"name": "Bad format option", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"}, "output_format": "pdf",
                 "schedule": {"cadence": "daily", "time": "09:00", "timezone": "UTC"},
                 "format_options": {"accent": "blue"}}
                """, 400);
        assertThat(badFormatOption.json().get("errors").get(0).get("field").asString())
                .isEqualTo("format_options.accent");
        call(HttpMethod.GET, "/scheduled-reports?size=1000", creator, null, 400);
        Response onHoliday = call(HttpMethod.POST, "/scheduled-reports", creator, """
                {"name": "Bad holiday", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "schedule": {"cadence": "monthly", "day_of_month": "last_business_day", "time": "18:00",
                              "timezone": "UTC", "holiday_calendar": "office", "on_holiday": "SKIP"}}
                """, 400);
        assertThat(onHoliday.json().get("errors").get(0).get("field").asString())
                .isEqualTo("schedule.on_holiday");
        call(HttpMethod.POST, "/scheduled-reports", creator, """
                {"name": "Unknown calendar", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "schedule": {"cadence": "daily", "time": "09:00", "timezone": "UTC", "holiday_calendar": "mars"}}
                """, 400);
        call(HttpMethod.GET, "/scheduled-reports", null, null, 401);
        call(HttpMethod.POST, "/scheduled-reports", viewer, created.raw().getContentAsString(), 403);
        call(HttpMethod.GET, schedule, stranger, null, 404);
        call(HttpMethod.GET, "/scheduled-reports/" + UUID.randomUUID(), creator, null, 404);
        call(HttpMethod.PUT, schedule, creator, updatedBody(destination, null), 400);
        call(HttpMethod.PUT, schedule, creator, updatedBody(destination, 1L), 409);
        call(HttpMethod.POST, schedule + "/recipients", creator, "{\"channel\": \"memory\", \"address\": \"x\"}", 400);
        call(
                HttpMethod.POST,
                schedule + "/recipients",
                creator,
                "{\"channel\": \"memory\", \"destination\": \"f@example.com\"}",
                201);
        call(
                HttpMethod.POST,
                schedule + "/recipients",
                creator,
                "{\"channel\": \"memory\", \"destination\": \"g@example.com\"}",
                422);
        call(HttpMethod.DELETE, schedule + "/recipients/" + UUID.randomUUID(), creator, null, 404);
        call(HttpMethod.GET, execution.replace(run.id(), UUID.randomUUID().toString()), creator, null, 404);
        call(HttpMethod.GET, "/report-executions/" + run.id() + "/download", stranger, null, 404);
        call(HttpMethod.GET, "/dead-letters", creator, null, 403);
        call(HttpMethod.GET, "/dead-letters?from=yesterday", admin, null, 400);
        call(HttpMethod.POST, "/dead-letters/retry", admin, "{\"ids\": []}", 400);
        call(HttpMethod.POST, "/dead-letters/resolve", admin, "{\"id\": \"x\"}", 400);
        call(HttpMethod.DELETE, "/dead-letters", admin, null, 400);
        call(HttpMethod.GET, "/admin/scheduled-reports/stats", creator, null, 403);
        call(HttpMethod.DELETE, schedule, creator, null, 204);

        // Holiday calendars: stored per tenant, admins write, in-use delete refused naming the schedules
        call(HttpMethod.GET, "/holiday-calendars", viewer, null, 200);
        call(HttpMethod.PUT, "/holiday-calendars/closing", creator, "{\"rules\": [\"12-24\"]}", 403);
        Response badRule = call(
                HttpMethod.PUT, "/holiday-calendars/closing", admin, "{\"rules\": [\"12-24\", \"DEC FRI#9\"]}", 400);
        assertThat(badRule.json().get("errors").get(0).get("field").asString()).isEqualTo("rules[1]");
        call(
                HttpMethod.PUT,
                "/holiday-calendars/closing",
                admin,
                "{\"weekend\": [\"SATURDAY\", \"SUNDAY\"], \"rules\": [\"12-24\", \"NOV THU#4\"], \"version\": 0}",
                201);
        call(HttpMethod.PUT, "/holiday-calendars/closing", admin, "{\"rules\": [\"12-24\"], \"version\": 0}", 409);
        Response usesIt = call(HttpMethod.POST, "/scheduled-reports", creator, """
                {"name": "Fridays", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "schedule": {"cadence": "weekly", "day_of_week": 5, "time": "16:00", "timezone": "UTC",
                              "holiday_calendar": "closing", "on_holiday": "PREVIOUS_BUSINESS_DAY"}}
                """, 201);
        call(HttpMethod.POST, "/scheduled-reports", creator, """
                {"name": "Fridays", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "schedule": {"cadence": "weekly", "day_of_week": 5, "time": "16:00", "timezone": "UTC",
                              "holiday_calendar": "closed"}}
                """, 400);
        call(
                HttpMethod.PUT,
                "/holiday-calendars/closing?weekend=FRIDAY,SATURDAY&version=1",
                admin,
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:1@test\r\n"
                        + "DTSTART;VALUE=DATE:20271224\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Eve\r\nEND:VEVENT\r\n"
                        + "END:VCALENDAR\r\n",
                HolidayCalendarsContentType.ICS,
                200);
        call(HttpMethod.GET, "/holiday-calendars/closing", viewer, null, 200);
        call(HttpMethod.GET, "/holiday-calendars/us-nyse", viewer, null, 404);
        Response inUse = call(HttpMethod.DELETE, "/holiday-calendars/closing", admin, null, 409);
        assertThat(inUse.json().get("schedule_ids").get(0).asString()).isEqualTo(usesIt.id());
        call(HttpMethod.DELETE, "/holiday-calendars/closing", creator, null, 403);
        call(HttpMethod.DELETE, "/scheduled-reports/" + usesIt.id(), creator, null, 204);
        call(HttpMethod.DELETE, "/holiday-calendars/closing", admin, null, 204);
        call(HttpMethod.DELETE, "/holiday-calendars/closing", admin, null, 404);
        call(HttpMethod.POST, schedule + "/pause", creator, null, 404);

        // Offboarding: an admin pauses all active schedules of an owner; they show why
        String offboard = "/admin/scheduled-reports/owners/" + creator.user() + "/pause";
        call(HttpMethod.POST, offboard, creator, null, 403);
        call(HttpMethod.POST, "/admin/scheduled-reports/owners/" + "u".repeat(129) + "/pause", admin, null, 400);
        Response leaving = call(HttpMethod.POST, "/scheduled-reports", creator, """
                {"name": "Leaver's report", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "schedule": {"cadence": "daily", "time": "09:00", "timezone": "UTC"}}
                """, 201);
        assertThat(call(HttpMethod.POST, offboard, admin, null, 200)
                        .json()
                        .get("paused")
                        .asInt())
                .isPositive();
        Response paused = call(HttpMethod.GET, "/scheduled-reports/" + leaving.id(), admin, null, 200);
        assertThat(paused.json().get("status").asString()).isEqualTo("PAUSED");
        assertThat(paused.json().get("paused_reason").asString())
                .isEqualTo(
                        "all schedules of owner '" + creator.user() + "' were paused by admin '" + admin.user() + "'");
        assertThat(call(HttpMethod.POST, offboard, admin, null, 200)
                        .json()
                        .get("paused")
                        .asInt())
                .isZero();

        // Every documented operation answered its success status at least once.
        List<String> notCalled = new ArrayList<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    if (METHODS.contains(op.getKey())) {
                        String success = op.getValue().get("responses").propertyNames().stream()
                                .filter(s -> s.startsWith("2"))
                                .findFirst()
                                .orElseThrow();
                        String key = op.getKey().toUpperCase() + " " + path.getKey() + " " + success;
                        if (!checked.contains(key)) {
                            notCalled.add(key);
                        }
                    }
                }));
        assertThat(notCalled)
                .as("documented operations this test never saw succeed")
                .isEmpty();
    }

    private static String updatedBody(String destination, Long version) {
        return """
                {"name": "Renamed", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "schedule": {"cadence": "daily", "time": "07:00", "timezone": "UTC"},
                 "recipients": [{"channel": "memory", "destination": "%s"}]%s}
                """.formatted(destination, version == null ? "" : ", \"version\": " + version);
    }

    private String quietly(String path, Caller who) {
        try {
            return raw(HttpMethod.GET, BASE + path, who, null)
                    .json()
                    .get("status")
                    .asString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long quietlyTotal(String path, Caller who) {
        try {
            return raw(HttpMethod.GET, BASE + path, who, null)
                    .json()
                    .get("total")
                    .asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- calling and checking

    /**
     * Calls {@code path} (relative to the base path), checks the request body against the documented request
     * schema, the status against {@code expected}, and the response against the document.
     */
    /** Content types of request bodies other than JSON. */
    enum HolidayCalendarsContentType {
        ICS("text/calendar");

        final String value;

        HolidayCalendarsContentType(String value) {
            this.value = value;
        }
    }

    private Response call(HttpMethod method, String path, Caller who, String body, int expected) throws Exception {
        return call(method, path, who, body, null, expected);
    }

    /** As above with a body of another type than JSON, which must be documented for the operation. */
    private Response call(
            HttpMethod method, String path, Caller who, String body, HolidayCalendarsContentType bodyType, int expected)
            throws Exception {
        String template = template(path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
        String verb = method.name().toLowerCase();
        JsonNode operation = document.get("paths").get(template).get(verb);
        assertThat(operation).as("%s %s is documented", method, template).isNotNull();
        String where = method + " " + template;
        if (body != null && bodyType != null) {
            JsonNode requestBody = resolve(operation.get("requestBody"));
            assertThat(requestBody.get("content").has(bodyType.value))
                    .as("%s documents a %s request body", where, bodyType.value)
                    .isTrue();
        } else if (body != null && expected / 100 == 2) {
            JsonNode requestBody = resolve(operation.get("requestBody"));
            assertThat(requestBody).as("%s documents its request body", where).isNotNull();
            List<Error> errors = schema(pointer(operation.get("requestBody"), "requestBody", verb, template)
                            + "/content/application~1json/schema")
                    .validate(JSON.readTree(body));
            assertThat(errors)
                    .as("%s request body %s against the document", where, body)
                    .isEmpty();
        }
        Response r = raw(
                method, BASE + path, who, body, bodyType == null ? MediaType.APPLICATION_JSON_VALUE : bodyType.value);
        String text = r.raw().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.status()).as("%s %s answered %s", method, path, text).isEqualTo(expected);

        JsonNode responses = operation.get("responses");
        String status = String.valueOf(r.status());
        assertThat(responses.has(status))
                .as("%s documents status %s (answered %s)", where, status, text)
                .isTrue();
        String responsePointer = pointer(responses.get(status), "responses/" + status, verb, template);
        JsonNode response = resolve(responses.get(status));
        JsonNode content = response.get("content");
        if (content == null) {
            assertThat(text).as("%s %s has no body", where, status).isEmpty();
        } else {
            String type = MediaType.parseMediaType(r.raw().getContentType()).getType() + "/"
                    + MediaType.parseMediaType(r.raw().getContentType()).getSubtype();
            String documentedType = content.has(type) ? type : content.has("*/*") ? "*/*" : null;
            assertThat(documentedType)
                    .as("%s %s answered %s, documented %s", where, status, type, content.propertyNames())
                    .isNotNull();
            if (type.endsWith("json")) {
                JsonNode json = JSON.readTree(text);
                List<Error> errors = schema(responsePointer + "/content/" + escape(documentedType) + "/schema")
                        .validate(json);
                assertThat(errors)
                        .as("%s %s response against the document: %s", where, status, text)
                        .isEmpty();
                example(where + " " + status, text);
            } else {
                assertThat(text).as("%s %s file", where, status).isNotEmpty();
            }
        }
        JsonNode headers = response.get("headers");
        if (headers != null) {
            headers.propertyNames()
                    .forEach(h -> assertThat(r.raw().getHeader(h))
                            .as("%s %s header %s", where, status, h)
                            .isNotBlank());
        }
        checked.add(where + " " + status);
        return r;
    }

    private Response raw(HttpMethod method, String path, Caller who, String body) throws Exception {
        return raw(method, path, who, body, MediaType.APPLICATION_JSON_VALUE);
    }

    private Response raw(HttpMethod method, String path, Caller who, String body, String contentType) throws Exception {
        MockHttpServletRequestBuilder req = request(method, path);
        if (who != null) {
            req.header("X-Tenant", who.tenant()).header("X-User", who.user()).header("X-Roles", who.roles());
        }
        if (body != null) {
            req.contentType(contentType).content(body);
        }
        MockHttpServletResponse res = mvc.perform(req).andReturn().getResponse();
        String text = res.getContentAsString(StandardCharsets.UTF_8);
        JsonNode json =
                text.isEmpty() || !String.valueOf(res.getContentType()).contains("json") ? null : JSON.readTree(text);
        return new Response(res.getStatus(), res, json);
    }

    /** The documented path that {@code path} is an instance of; literal segments win over variables. */
    private String template(String path) {
        String best = null;
        int bestVariables = Integer.MAX_VALUE;
        for (String t : document.get("paths").propertyNames()) {
            String regex = "\\Q" + t.replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
            int variables = t.split("\\{", -1).length - 1;
            if (Pattern.matches(regex, path) && variables < bestVariables) {
                best = t;
                bestVariables = variables;
            }
        }
        assertThat(best).as("a documented path for %s", path).isNotNull();
        return best;
    }

    private Schema schema(String pointer) {
        return schemas.getSchema(SchemaLocation.of(DOCUMENT_URI + "#" + pointer));
    }

    /** The JSON pointer of a node that may be a {@code $ref}; else its place under the operation. */
    private static String pointer(JsonNode node, String under, String verb, String template) {
        if (node.has("$ref")) {
            return node.get("$ref").asString().substring(1);
        }
        return "/paths/" + escape(template) + "/" + verb + "/" + under;
    }

    private JsonNode resolve(JsonNode node) {
        if (node == null || !node.has("$ref")) {
            return node;
        }
        return document.at(node.get("$ref").asString().substring(1));
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private void references(JsonNode node, List<String> unresolved) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null
                    && (!ref.asString().startsWith("#/")
                            || document.at(ref.asString().substring(1)).isMissingNode())) {
                unresolved.add(ref.asString());
            }
            for (Iterator<JsonNode> it = node.values().iterator(); it.hasNext(); ) {
                references(it.next(), unresolved);
            }
        } else if (node.isArray()) {
            node.forEach(n -> references(n, unresolved));
        }
    }

    /** Keeps the first real response of each kind under target/, where the README's examples come from. */
    private static void example(String what, String json) throws Exception {
        Files.createDirectories(EXAMPLES);
        Path file = EXAMPLES.resolve(what.replaceAll("[^A-Za-z0-9]+", "_") + ".json");
        if (!Files.exists(file)) {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json)));
        }
    }
}
