package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded property test of the whole REST API: random and malformed bodies, headers, path variables and query
 * strings go to every endpoint of the starter's controllers, enumerated from Spring's handler mappings (a new
 * endpoint is covered without touching this test). Whatever arrives: never a 5xx (nor an exception escaping the
 * dispatcher), no ERROR logged by the library or its scheduler (their worker threads log what they catch), no
 * uncaught exception in any thread, and every table of the library unchanged (content checksum) after a refused
 * (4xx) request.
 *
 * <p>Fixed seeds: a failure names the endpoint, the case and the request, and reruns identically.
 */
@SpringBootTest(
        classes = ApiTestApplication.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:api-fuzz-test;DB_CLOSE_DELAY=-1",
            "scheduled-reports.polling-interval=100ms",
            "scheduled-reports.artifact-directory=target/api-fuzz-test-artifacts",
            "scheduled-reports.disk-guard.enabled=false",
            "scheduled-reports.download-links.base-url=http://localhost/api/v1/report-executions/download",
            "scheduled-reports.download-links.keys.test=" + ApiTestApplication.LINK_KEY
        })
@AutoConfigureMockMvc
class ApiFuzzTest {

    static final int CASES_PER_ENDPOINT = 25;
    static final long SEED = 0xF0220_15L;
    private static final String CONTROLLERS = "io.scheduledreports.spring.internal.web";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    DataSource dataSource;

    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler previousHandler;
    private final ListAppender<ILoggingEvent> errors = new ListAppender<>();

    /** One endpoint: method, path pattern, query parameter names, whether it reads a body. */
    record Endpoint(HttpMethod method, String pattern, List<String> params, boolean body) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /** The valid ids of one tenant's fixtures: a schedule with a recipient and a finished run. */
    record Fixture(String tenant, String scheduleId, String recipientId, String executionId) {}

    @BeforeEach
    void watch() {
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        errors.start();
        for (String name : List.of("io.scheduledreports", "com.github.kagkarlsson", "org.springframework.web")) {
            ((Logger) LoggerFactory.getLogger(name)).addAppender(errors);
        }
    }

    @AfterEach
    void unwatch() {
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        for (String name : List.of("io.scheduledreports", "com.github.kagkarlsson", "org.springframework.web")) {
            ((Logger) LoggerFactory.getLogger(name)).detachAppender(errors);
        }
    }

    @Test
    void randomAndMalformedRequestsToEveryEndpointNeverAnswer5xxNorChangeDataWhenRefused() throws Exception {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints)
                .as("enumerated from the handler mappings")
                .extracting(Endpoint::toString)
                .contains(
                        "POST /api/v1/scheduled-reports",
                        "POST /api/v1/scheduled-reports/{id}/run",
                        "GET /api/v1/report-executions/download");
        List<String> defects = new ArrayList<>();
        int index = 0;
        for (Endpoint endpoint : endpoints) {
            Fixture fixture = fixture("fz" + index++);
            Random random = new Random(SEED ^ endpoint.toString().hashCode());
            String before = checksum();
            for (int i = 0; i < CASES_PER_ENDPOINT && defects.size() < 20; i++) {
                MockHttpServletRequestBuilder request;
                String described;
                try {
                    Request r = request(endpoint, fixture, random);
                    request = r.builder();
                    described = r.described();
                } catch (IllegalArgumentException unbuildable) {
                    continue; // the test's URI builder refused the random path; no request was sent
                }
                MockHttpServletResponse response;
                try {
                    response = mvc.perform(request).andReturn().getResponse();
                } catch (Exception escaped) {
                    defects.add(endpoint + " case " + i + ": " + described + " -> exception " + escaped);
                    continue;
                }
                int status = response.getStatus();
                if (status >= 500) {
                    defects.add(endpoint + " case " + i + ": " + described + " -> " + status + " "
                            + clip(response.getContentAsString(StandardCharsets.UTF_8)));
                }
                if (status >= 400) {
                    String after = checksum();
                    if (!after.equals(before)) {
                        after = settled(after);
                        if (!after.equals(before)) {
                            defects.add(endpoint + " case " + i + ": " + described + " -> " + status
                                    + " but the tables changed");
                        }
                    }
                    before = after;
                } else {
                    // a run or a replay queues work the engine finishes in the background
                    before = queuesWork(endpoint) ? settled(checksum()) : checksum();
                }
            }
        }
        assertThat(defects).as("requests that failed the properties").isEmpty();
        assertThat(uncaught).as("exceptions that escaped a thread").isEmpty();
        assertThat(errors.list.stream()
                        .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                        .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
                        .toList())
                .as("errors logged by the library, its scheduler or Spring MVC")
                .isEmpty();
    }

    private static boolean queuesWork(Endpoint e) {
        return e.method() == HttpMethod.POST
                && (e.pattern().endsWith("/run")
                        || e.pattern().endsWith("/retry")
                        || e.pattern().endsWith("/retry-all"));
    }

    // ---------------------------------------------------------------- fixes of what the fuzzing found

    @Test
    void anUnacceptableAcceptHeaderIsRefusedBeforeTheOperationRunsNotAfterItsWrite() throws Exception {
        Fixture f = fixture("accept");
        String before = checksum();
        MockHttpServletResponse res = mvc.perform(
                        MockMvcRequestBuilders.post("/api/v1/admin/scheduled-reports/owners/owner/pause")
                                .header("X-Tenant", f.tenant())
                                .header("X-User", "boss")
                                .header("X-Roles", "admin")
                                .header("Accept", "text/csv"))
                .andReturn()
                .getResponse();
        assertThat(res.getStatus()).isEqualTo(406);
        assertThat(checksum()).as("nothing paused, nothing audited").isEqualTo(before);
    }

    @Test
    void anUndecodableFormBodyOnAPutIsRefusedWith415NotA500() throws Exception {
        Fixture f = fixture("form");
        String before = checksum();
        MockHttpServletResponse res = mvc.perform(
                        MockMvcRequestBuilders.put("/api/v1/scheduled-reports/" + f.scheduleId())
                                .header("X-Tenant", f.tenant())
                                .header("X-User", "owner")
                                .header("X-Roles", "creator")
                                .contentType("application/x-www-form-urlencoded")
                                .content(new byte[] {'a', '=', (byte) 0xC3, '%', 'z'}))
                .andReturn()
                .getResponse();
        assertThat(res.getStatus()).isEqualTo(415);
        assertThat(res.getContentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(res.getContentAsString(StandardCharsets.UTF_8))
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("Content-Type");
        assertThat(checksum()).isEqualTo(before);
    }

    @Test
    void aPutOrDeleteWithAnUnparseableContentTypeIsA4xxNotAnException() throws Exception {
        for (String type : List.of("a", "application/json; charset=nonsense")) {
            MockHttpServletResponse res = mvc.perform(
                            MockMvcRequestBuilders.delete("/api/v1/scheduled-reports/" + UUID.randomUUID())
                                    .header("X-Tenant", "t")
                                    .header("X-User", "u")
                                    .header("X-Roles", "creator")
                                    .header("Content-Type", type)
                                    .content("{}"))
                    .andReturn()
                    .getResponse();
            assertThat(res.getStatus()).as(type).isBetween(400, 499);
        }
    }

    // ---------------------------------------------------------------- endpoints and fixtures

    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e :
                mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getPackageName().equals(CONTROLLERS)) {
                continue;
            }
            List<String> params = new ArrayList<>();
            boolean body = false;
            for (MethodParameter p : e.getValue().getMethodParameters()) {
                RequestParam rp = p.getParameterAnnotation(RequestParam.class);
                if (rp != null) {
                    params.add(
                            rp.name().isEmpty()
                                    ? (rp.value().isEmpty() ? p.getParameterName() : rp.value())
                                    : rp.name());
                }
                body |= p.hasParameterAnnotation(RequestBody.class);
            }
            Set<org.springframework.web.bind.annotation.RequestMethod> methods =
                    e.getKey().getMethodsCondition().getMethods();
            for (String pattern : e.getKey().getPatternValues()) {
                for (var m : methods.isEmpty()
                        ? Set.of(org.springframework.web.bind.annotation.RequestMethod.GET)
                        : methods) {
                    endpoints.add(new Endpoint(HttpMethod.valueOf(m.name()), pattern, params, body));
                }
            }
        }
        endpoints.sort(java.util.Comparator.comparing(Endpoint::toString));
        return endpoints;
    }

    /** A tenant of its own per endpoint, so quotas and rate limits of one endpoint's cases never leak into another. */
    private Fixture fixture(String tenant) throws Exception {
        String created = send(HttpMethod.POST, "/api/v1/scheduled-reports", tenant, "owner", "creator", """
                {"name": "Fuzz target", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "schedule": {"cadence": "daily", "time": "09:00", "timezone": "UTC"},
                 "recipients": [{"channel": "memory", "destination": "owner@example.com"}]}
                """);
        JsonNode schedule = JSON.readTree(created);
        String id = schedule.get("id").asString();
        String execution = JSON.readTree(send(
                        HttpMethod.POST, "/api/v1/scheduled-reports/" + id + "/run", tenant, "owner", "creator", null))
                .get("id")
                .asString();
        Await.until(
                () -> {
                    try {
                        String s = JSON.readTree(send(
                                        HttpMethod.GET,
                                        "/api/v1/scheduled-reports/" + id + "/executions/" + execution,
                                        tenant,
                                        "owner",
                                        "creator",
                                        null))
                                .get("status")
                                .asString();
                        return s.equals("SUCCEEDED");
                    } catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                },
                "the fixture's run");
        settled(checksum());
        return new Fixture(
                tenant, id, schedule.get("recipients").get(0).get("id").asString(), execution);
    }

    private String send(HttpMethod method, String path, String tenant, String user, String roles, String body)
            throws Exception {
        MockHttpServletRequestBuilder req = MockMvcRequestBuilders.request(method, path)
                .header("X-Tenant", tenant)
                .header("X-User", user)
                .header("X-Roles", roles);
        if (body != null) {
            req.contentType("application/json").content(body);
        }
        MockHttpServletResponse res = mvc.perform(req).andReturn().getResponse();
        assertThat(res.getStatus()).as("%s %s", method, path).isLessThan(300);
        return res.getContentAsString(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- random requests

    record Request(MockHttpServletRequestBuilder builder, String described) {}

    private Request request(Endpoint endpoint, Fixture f, Random r) {
        StringBuilder path = new StringBuilder();
        for (String segment : endpoint.pattern().split("/", -1)) {
            if (!path.isEmpty() || !segment.isEmpty()) {
                path.append('/');
            }
            path.append(segment.startsWith("{") ? pathValue(segment, f, r) : segment);
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : endpoint.params()) {
            if (r.nextInt(3) > 0) {
                query.put(name, queryValue(name, r));
            }
        }
        if (r.nextInt(6) == 0) {
            query.put(string(r), string(r));
        }
        MockHttpServletRequestBuilder b = MockMvcRequestBuilders.request(
                endpoint.method(), java.net.URI.create(path + (query.isEmpty() ? "" : "?" + encode(query))));
        // callers: mostly valid ones of the fixture's tenant, so that requests get past authentication
        String[] caller = switch (r.nextInt(8)) {
            case 0, 1, 2 -> new String[] {f.tenant(), "owner", "creator"};
            case 3 -> new String[] {f.tenant(), "boss", "admin"};
            case 4 -> new String[] {f.tenant(), "reader", "viewer"};
            case 5 -> new String[] {"other-" + f.tenant(), "owner", "admin"};
            case 6 -> null;
            default -> new String[] {string(r), string(r), string(r)};
        };
        if (caller != null) {
            header(b, "X-Tenant", caller[0]);
            header(b, "X-User", caller[1]);
            header(b, "X-Roles", caller[2]);
        }
        String contentType = new String[] {
                    "application/json",
                    "application/json",
                    "application/json; charset=UTF-8",
                    "text/plain",
                    "application/xml",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data",
                    "application/json; charset=nonsense",
                    "a",
                    ""
                }
                [r.nextInt(10)];
        String body = null;
        if (endpoint.body() ? r.nextInt(10) > 0 : r.nextInt(5) == 0) {
            body = body(r);
            header(b, "Content-Type", contentType);
            b.content(body.getBytes(r.nextInt(20) == 0 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8));
        }
        if (r.nextInt(4) == 0) {
            header(
                    b,
                    "Accept",
                    new String[] {"application/xml", "text/csv", "*/*", "x", "application/problem+json"}[r.nextInt(5)]);
        }
        if (r.nextInt(6) == 0) {
            header(b, "If-Match", r.nextBoolean() ? "\"" + r.nextInt(5) + "\"" : string(r));
        }
        String described = endpoint.method() + " " + clip(path.toString()) + " query=" + clip(query.toString())
                + " caller=" + (caller == null ? "none" : clip(String.join("|", caller))) + " body=" + clip(body);
        return new Request(b, described);
    }

    private static void header(MockHttpServletRequestBuilder b, String name, String value) {
        // servlet headers are ISO-8859-1 lines: a real client cannot send a line break inside one
        b.header(name, value.replaceAll("[\\r\\n]", " "));
    }

    private static String encode(Map<String, String> query) {
        StringBuilder sb = new StringBuilder();
        query.forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=')
                    .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    private static String pathValue(String variable, Fixture f, Random r) {
        String name = variable.toLowerCase(java.util.Locale.ROOT);
        int pick = r.nextInt(6);
        if (pick == 0) {
            return UUID.randomUUID().toString();
        }
        if (pick == 1) {
            return java.net.URLEncoder.encode(string(r), StandardCharsets.UTF_8);
        }
        if (name.contains("recipient") || name.equals("{rid}")) {
            return f.recipientId();
        }
        if (name.contains("execution") || name.equals("{eid}")) {
            return f.executionId();
        }
        if (name.contains("user")) {
            return r.nextBoolean() ? "owner" : "nobody";
        }
        if (name.contains("channel")) {
            return r.nextBoolean() ? "memory" : "fax";
        }
        return r.nextInt(3) == 0 ? f.executionId() : f.scheduleId();
    }

    private static String queryValue(String name, Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> Long.toString(r.nextLong());
            case 1 ->
                new String[] {"-1", "0", "1", "200", "201", "2147483647", "99999999999999999999", "1e3"}[r.nextInt(8)];
            case 2 ->
                new String[] {
                            "active",
                            "PAUSED",
                            "data",
                            "unresolved",
                            "2026-02-30",
                            "2026-02-10T18:30:00Z",
                            "+999999999-12-31T23:59:59Z",
                            "-999999999-01-01T00:00:00Z",
                            "P1D",
                            "sales"
                        }
                        [r.nextInt(10)];
            default -> string(r);
        };
    }

    static final String[] NASTY = {
        "",
        " ",
        "a",
        "owner",
        " owner",
        "owner\u0000",
        "null",
        "true",
        "-1",
        "NaN",
        "\u202Eevil",
        "🙂",
        "\uD800",
        "%",
        "%zz",
        "../..",
        "'; DROP TABLE scheduled_reports; --",
        "<img src=x onerror=alert(1)>",
        "${jndi:ldap://x}",
        "a@b.c",
        "creator,admin",
        "admin",
        "x".repeat(129),
    };

    static String string(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> "y".repeat(r.nextBoolean() ? 300 : 20_000);
            case 1 -> {
                StringBuilder sb = new StringBuilder();
                for (int i = r.nextInt(12); i > 0; i--) {
                    sb.append((char) (1 + r.nextInt(0x2FFF)));
                }
                yield sb.toString();
            }
            default -> NASTY[r.nextInt(NASTY.length)];
        };
    }

    /** Valid bodies of the API to mutate. */
    static final String[] CORPUS = {
        """
        {"name": "Weekly", "report_type": "sales", "report_params": {"date_range": "last_7_days", "region": "north"},
         "output_format": "csv", "schedule": {"cadence": "weekly", "day_of_week": [1, 5], "time": "07:30",
         "timezone": "Europe/Berlin"}, "recipients": [{"channel": "memory", "destination": "a@example.com"}],
         "misfire_policy": "RUN_ONCE", "overlap_policy": "SKIP", "locale": "de-DE", "timeout": "PT10M"}
        """,
        """
        {"name": "Monthly", "report_type": "sales", "report_params": {"date_range": "last_month", "region": "south"},
         "schedule": {"cadence": "monthly", "day_of_month": "last", "time": "23:59", "timezone": "UTC"}, "version": 1}
        """,
        """
        {"name": "Cron", "report_type": "sales", "report_params": {"date_range": "yesterday", "region": "north"},
         "schedule": {"cadence": "cron", "cron_expression": "0 6 * * 1-5", "timezone": "America/New_York"}}
        """,
        "{\"channel\": \"memory\", \"destination\": \"b@example.com\", \"options\": {\"format\": \"csv\"}}",
        "{\"recipient_id\": \"00000000-0000-0000-0000-000000000000\"}",
        "{\"destination\": \"ops@example.com\"}",
        "{\"ids\": [\"00000000-0000-0000-0000-000000000000\"], \"note\": \"handled\"}",
    };

    static String body(Random r) {
        int kind = r.nextInt(10);
        if (kind == 0) {
            return "[".repeat(1 + r.nextInt(5000));
        }
        if (kind == 1) {
            byte[] bytes = new byte[r.nextInt(200)];
            r.nextBytes(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        String text = CORPUS[r.nextInt(CORPUS.length)];
        if (kind == 2) {
            return text.substring(0, r.nextInt(text.length())); // truncated
        }
        JsonNode tree = JSON.readTree(text);
        for (int i = 1 + r.nextInt(4); i > 0; i--) {
            tree = mutate(tree, r, 0);
        }
        String out = tree.toString();
        if (kind == 3) {
            return "\uFEFF" + out;
        }
        return out;
    }

    static JsonNode mutate(JsonNode node, Random r, int depth) {
        if (node instanceof ObjectNode o && o.size() > 0 && depth < 4 && r.nextInt(4) > 0) {
            List<String> names = new ArrayList<>(o.propertyNames());
            String name = names.get(r.nextInt(names.size()));
            switch (r.nextInt(4)) {
                case 0 -> o.remove(name);
                case 1 -> o.set(string(r).isEmpty() ? "unknown_field" : "x_" + r.nextInt(9), randomJson(r, 0));
                default -> o.set(name, mutate(o.get(name), r, depth + 1));
            }
            return o;
        }
        if (node instanceof ArrayNode a && a.size() > 0 && depth < 4 && r.nextBoolean()) {
            a.set(r.nextInt(a.size()), mutate(a.get(r.nextInt(a.size())), r, depth + 1));
            return a;
        }
        return randomJson(r, 0);
    }

    static JsonNode randomJson(Random r, int depth) {
        return switch (depth > 3 ? r.nextInt(7) : r.nextInt(9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(r.nextBoolean());
            case 2 ->
                NODES.numberNode(new long[] {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 2_147_483_648L}[r.nextInt(5)]);
            case 3 ->
                NODES.numberNode(
                        new java.math.BigDecimal(new String[] {"1e400", "-0.5", "1.5", "1e-400"}[r.nextInt(4)]));
            case 4 -> NODES.numberNode(new java.math.BigInteger("9".repeat(1 + r.nextInt(60))));
            case 5, 6 -> NODES.stringNode(string(r));
            case 7 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(randomJson(r, depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    o.set(r.nextBoolean() ? string(r) : "cadence", randomJson(r, depth + 1));
                }
                yield o;
            }
        };
    }

    private static String clip(String s) {
        if (s == null) {
            return "null";
        }
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 200 ? one.substring(0, 200) + "...(" + s.length() + ")" : one;
    }

    // ---------------------------------------------------------------- table state

    /** Waits until two checksums in a row agree (the engine may still finish work a successful request queued). */
    private String settled(String current) throws Exception {
        for (int i = 0; i < 40; i++) {
            Thread.sleep(150); // longer than the polling interval: a queued step would have run
            String again = checksum();
            if (again.equals(current)) {
                return again;
            }
            current = again;
        }
        return current;
    }

    /**
     * A digest of every row of every table of the library in this database. The scheduler's task rows count by
     * name and instance only: their heartbeat and next-execution columns move while the engine polls.
     */
    private String checksum() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            Set<String> tables = new LinkedHashSet<>();
            try (ResultSet rs = meta.getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String table : new java.util.TreeSet<>(tables)) {
                boolean tasks = table.toLowerCase(java.util.Locale.ROOT).contains("scheduled_tasks");
                String sql = tasks
                        ? "SELECT task_name, task_instance FROM " + table + " ORDER BY 1, 2"
                        : "SELECT * FROM " + table;
                List<String> rows = new ArrayList<>();
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery(sql)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.append(rs.getString(i)).append('\u0001');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                digest.update(table.getBytes(StandardCharsets.UTF_8));
                rows.forEach(row -> digest.update(row.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
