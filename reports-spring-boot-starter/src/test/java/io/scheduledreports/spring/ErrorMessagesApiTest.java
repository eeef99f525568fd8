package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Users see a plain sentence per failure category; the relay, user and port stay in the admin-only detail. */
@SpringBootTest(
        classes = ApiTestApplication.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:error-message-tests;DB_CLOSE_DELAY=-1",
            "scheduled-reports.polling-interval=100ms",
            "scheduled-reports.artifact-directory=target/error-message-test-artifacts",
            "scheduled-reports.disk-guard.enabled=false"
        })
@AutoConfigureMockMvc
class ErrorMessagesApiTest {

    static final String INFRASTRUCTURE =
            "535 authentication failed for user reports@corp.example at relay.internal:587";

    @Autowired
    MockMvc mvc;

    @Autowired
    RecordingChannel channel;

    private JsonNode call(HttpMethod method, String path, String user, String roles, String body) throws Exception {
        MockHttpServletRequestBuilder req = request(method, path)
                .header("X-Tenant", "err")
                .header("X-User", user)
                .header("X-Roles", roles);
        if (body != null) {
            req.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        String text = mvc.perform(req).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return JsonMapper.builder().build().readTree(text);
    }

    @Test
    void aFailedDeliveryShowsUsersAPlainMessageAndAdminsTheDetail() throws Exception {
        String destination = "x-" + UUID.randomUUID() + "@example.com";
        channel.beforeSend(d -> {
            if (d.recipient().destination().equals(destination)) {
                throw new ReportsException(ErrorCategory.CONFIGURATION, INFRASTRUCTURE);
            }
        });
        try {
            String id = call(
                            HttpMethod.POST, "/api/v1/scheduled-reports", "carl", "creator", """
                            {"name": "Fails", "report_type": "sales", "output_format": "csv",
                             "schedule": {"cadence": "daily", "time": "09:00", "timezone": "UTC"},
                             "recipients": [{"channel": "memory", "destination": "%s"}]}
                            """.formatted(destination))
                    .get("id")
                    .asString();
            String eid = call(HttpMethod.POST, "/api/v1/scheduled-reports/" + id + "/run", "carl", "creator", null)
                    .get("id")
                    .asString();
            String path = "/api/v1/scheduled-reports/" + id + "/executions/" + eid;
            Await.until(
                    () -> {
                        try {
                            return "FAILED"
                                    .equals(call(HttpMethod.GET, path, "carl", "creator", null)
                                            .get("status")
                                            .asString());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    "the delivery to fail for good");

            JsonNode asUser = call(HttpMethod.GET, path, "carl", "creator", null);
            JsonNode delivery = asUser.get("deliveries").get(0);
            assertThat(delivery.get("error_category").asString()).isEqualTo("CONFIGURATION");
            assertThat(delivery.get("last_error").asString())
                    .isEqualTo("The report or its delivery is not set up correctly. Please ask your administrator.");
            // "535 " with its space: the digits alone also occur in timestamps and hashes of the response
            assertThat(asUser.toString())
                    .doesNotContain("relay.internal", "reports@corp", "535 ", "authentication failed");

            JsonNode asAdmin = call(HttpMethod.GET, path, "root", "admin", null);
            assertThat(asAdmin.get("deliveries").get(0).get("error_detail").asString())
                    .contains("relay.internal:587");
        } finally {
            channel.beforeSend(d -> {});
        }
    }
}
