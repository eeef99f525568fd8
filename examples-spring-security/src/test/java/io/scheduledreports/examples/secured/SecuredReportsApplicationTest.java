package io.scheduledreports.examples.secured;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.links.DownloadLinkConfig;
import io.scheduledreports.core.links.DownloadLinks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The quick start tried as a new user would: real Spring Security with HTTP Basic, the API over real HTTP, a
 * money sum over a numeric(12,2) column, the file downloaded with the login and by signed link without one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecuredReportsApplicationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Value("${scheduled-reports.download-links.keys.k1}")
    String linkKey;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void noProxy() {
        System.setProperty("java.net.useSystemProxies", "false");
    }

    @Test
    void aUserSchedulesRunsAndDownloadsAReportWithExactMoney() throws Exception {
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
        jdbc.update("delete from orders");
        for (Object[] row : new Object[][] {
            {1, "acme", "north", "10.25"},
            {2, "acme", "north", "0.10"},
            {3, "acme", "north", "1234.50"},
            {4, "acme", "south", "99.99"},
            {5, "globex", "north", "1000000.00"}
        }) {
            jdbc.update(
                    "insert into orders (id, tenant_id, region, amount, placed_at) values (?, ?, ?, ?, ?)",
                    row[0],
                    row[1],
                    row[2],
                    new java.math.BigDecimal((String) row[3]),
                    Timestamp.from(twoDaysAgo));
        }

        assertThat(send("GET", "/api/v1/scheduled-reports", null, null).statusCode())
                .as("no login, no API")
                .isEqualTo(401);

        String body = """
                {"name": "Weekly sales", "report_type": "sales_by_region",
                 "report_params": {"date_range": "last_7_days"},
                 "output_format": "csv",
                 "schedule": {"cadence": "weekly", "day_of_week": 1, "time": "09:00", "timezone": "America/New_York"},
                 "recipients": []}
                """;
        HttpResponse<String> created = send("POST", "/api/v1/scheduled-reports", "alice", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asString();

        HttpResponse<String> run = send("POST", "/api/v1/scheduled-reports/" + id + "/run", "alice", null);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
        String eid = JSON.readTree(run.body()).get("id").asString();

        JsonNode execution = null;
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            execution =
                    JSON.readTree(send("GET", "/api/v1/scheduled-reports/" + id + "/executions/" + eid, "alice", null)
                            .body());
            if (execution.get("status").asString().equals("SUCCEEDED")) {
                break;
            }
            Thread.sleep(100); // a real server on its own threads: nothing to advance
        }
        assertThat(execution.get("status").asString()).as("%s", execution).isEqualTo("SUCCEEDED");

        HttpResponse<String> file = send("GET", "/api/v1/report-executions/" + eid + "/download", "alice", null);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body().lines())
                .as("sums of numeric(12,2) keep their cents; other tenants' orders are not in it")
                .containsExactly("region,revenue", "north,1244.85", "south,99.99");

        assertThat(send("GET", "/api/v1/scheduled-reports/" + id, "bob", null).statusCode())
                .as("another tenant's schedule is not found")
                .isEqualTo(404);

        String token = DownloadLinks.create(
                        DownloadLinkConfig.builder().base64Key("k1", linkKey).build())
                .sign(eid, "acme", Instant.now().plus(Duration.ofHours(1)));
        HttpResponse<String> byLink = send("GET", "/api/v1/report-executions/download?token=" + token, null, null);
        assertThat(byLink.statusCode())
                .as("the signed link needs no login (permitAll)")
                .isEqualTo(200);
        assertThat(byLink.body()).contains("north,1244.85");

        HttpResponse<String> health = send("GET", "/actuator/health", null, null);
        assertThat(health.body()).contains("E-mail delivery is off");
    }

    private HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            String credentials = user + ":" + user + "-password";
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
