package io.scheduledreports.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The demo starts (H2, GreenMail, real HTTP) and delivers a report to its embedded SMTP server. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"scheduled-reports.polling-interval=100ms", "demo.orders=500"})
class DemoApplicationTest {

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        int port = TestSocketUtils.findAvailableTcpPort();
        registry.add("demo.smtp.port", () -> port);
    }

    @LocalServerPort
    int port;

    @Autowired
    GreenMail smtp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("X-Tenant", "acme")
                .header("X-User", "tester")
                .header("X-Roles", "creator");
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheDashboardAndDeliversARunToTheEmbeddedSmtpServer() throws Exception {
        HttpResponse<String> home = send("GET", "/", null);
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/scheduled-reports/");
        HttpResponse<String> dashboard = send("GET", "/scheduled-reports/", null);
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("<title>Scheduled Reports</title>", "content=\"/api/v1\"");
        assertThat(send("GET", "/mails.html", null).body()).contains("mailbox");

        JsonNode catalog =
                json.readTree(send("GET", "/api/v1/report-types", null).body());
        assertThat(catalog.get("items").toString()).contains("sales_by_region", "orders");
        assertThat(catalog.get("output_formats").toString()).contains("csv", "xlsx", "pdf");

        HttpResponse<String> created = send("POST", "/api/v1/scheduled-reports", """
                {"name": "Sales by region", "report_type": "sales_by_region",
                 "report_params": {"date_range": "last_30_days"}, "output_format": "xlsx",
                 "schedule": {"cadence": "weekly", "day_of_week": 1, "time": "09:00", "timezone": "Europe/Paris"},
                 "recipients": [{"channel": "email", "destination": "alice@example.com"}]}
                """);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json.readTree(created.body()).get("id").asString();

        HttpResponse<String> run = send("POST", "/api/v1/scheduled-reports/" + id + "/run", null);
        assertThat(run.statusCode()).isEqualTo(202);

        assertThat(smtp.waitForIncomingEmail(30_000, 1))
                .as("a mail within 30 s")
                .isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).contains("Sales by region");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("alice@example.com");

        JsonNode mails = json.readTree(send("GET", "/demo/mails", null).body());
        assertThat(mails.get(0).get("attachments").get(0).asString()).contains(".xlsx");

        // the mail viewer shows the recipient's unsubscribe link, and the link works
        URI unsubscribe = URI.create(mails.get(0).get("unsubscribe").asString());
        assertThat(unsubscribe.getPath()).isEqualTo("/api/v1/unsubscribe");
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        String link = unsubscribe.getRawPath() + "?" + unsubscribe.getRawQuery();
        HttpResponse<String> confirm = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + link))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Sales by region").contains("a***@example.com");
        HttpResponse<String> oneClick = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + link))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        JsonNode states = json.readTree(send("GET", "/api/v1/scheduled-reports/" + id + "/recipients", null)
                .body());
        assertThat(states.get(0).get("status").asString()).isEqualTo("UNSUBSCRIBED");

        String executions = send("GET", "/api/v1/scheduled-reports/" + id + "/executions", null)
                .body();
        JsonNode execution = json.readTree(executions).get("items").get(0);
        HttpResponse<byte[]> file = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + execution.get("download_url").asString()))
                        .header("X-Tenant", "acme")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type"))
                .contains("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(file.body()).startsWith((byte) 'P', (byte) 'K'); // a zip container

        HttpResponse<String> health = send("GET", "/actuator/health", null);
        assertThat(health.body()).contains("\"scheduledReports\"");
    }
}
