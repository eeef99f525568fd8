package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.scheduledreports.core.fixtures.RecordingChannel;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** POST /scheduled-reports/{id}/test and POST /channels/{channel}/test through MockMvc on H2. */
@SpringBootTest(
        classes = ApiTestApplication.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:delivery-tests-api;DB_CLOSE_DELAY=-1",
            "scheduled-reports.polling-interval=100ms",
            "scheduled-reports.artifact-directory=target/delivery-tests-api-artifacts",
            "scheduled-reports.disk-guard.enabled=false"
        })
@AutoConfigureMockMvc
class DeliveryTestsApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    RecordingChannel channel;

    record Response(int status, MockHttpServletResponse raw, JsonNode json) {}

    private Response post(String path, String user, String roles, String body) throws Exception {
        var req = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("X-Tenant", "acme")
                .header("X-User", user)
                .header("X-Roles", roles);
        if (body != null) {
            req.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        MockHttpServletResponse res = mvc.perform(req).andReturn().getResponse();
        String text = res.getContentAsString(StandardCharsets.UTF_8);
        return new Response(res.getStatus(), res, text.isEmpty() ? null : JSON.readTree(text));
    }

    private JsonNode schedule(String user, String destination) throws Exception {
        Response r = post("/api/v1/scheduled-reports", user, "creator", """
                {"name": "Weekly sales", "report_type": "sales", "output_format": "csv",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "schedule": {"cadence": "daily", "time": "09:00", "timezone": "UTC"},
                 "recipients": [{"channel": "memory", "destination": "%s"}]}
                """.formatted(destination));
        assertThat(r.status()).as("create: %s", r.json()).isEqualTo(201);
        return r.json();
    }

    private static String user() {
        return "u-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aTestDeliveryAnswersTheOutcomeSynchronously() throws Exception {
        String alice = user();
        String destination = alice + "@example.com";
        JsonNode s = schedule(alice, destination);
        String recipientId = s.get("recipients").get(0).get("id").asString();

        Response r = post(
                "/api/v1/scheduled-reports/" + s.get("id").asString() + "/test",
                alice,
                "creator",
                "{\"recipient_id\": \"" + recipientId + "\"}");

        assertThat(r.status()).as("%s", r.json()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("sent");
        assertThat(r.json().get("channel").asString()).isEqualTo("memory");
        assertThat(r.json().get("destination").asString()).isEqualTo(destination);
        assertThat(r.json().get("file_name").isNull()).isTrue();
        assertThat(r.json().has("error_category")).isTrue();
        assertThat(channel.receivedBy(destination))
                .singleElement()
                .satisfies(x -> assertThat(x.variables()).containsEntry("report_name", "[TEST] Weekly sales"));
    }

    @Test
    void badInputNamesTheFieldAndAFlooderGets429WithRetryAfter() throws Exception {
        String bob = user();
        JsonNode s = schedule(bob, bob + "@example.com");
        String path = "/api/v1/scheduled-reports/" + s.get("id").asString() + "/test";
        String recipientId = s.get("recipients").get(0).get("id").asString();

        Response missing = post(path, bob, "creator", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("recipient_id");
        assertThat(post(path, bob, "creator", "{\"recipient_id\": \"nope\"}").status())
                .isEqualTo(404);
        assertThat(post(path, user(), "creator", "{\"recipient_id\": \"" + recipientId + "\"}")
                        .status())
                .as("not the owner: with the default OWNER visibility the schedule is not found")
                .isEqualTo(404);

        for (int i = 0; i < 5; i++) {
            assertThat(post(path, bob, "creator", "{\"recipient_id\": \"" + recipientId + "\"}")
                            .status())
                    .isEqualTo(200);
        }
        Response limited = post(path, bob, "creator", "{\"recipient_id\": \"" + recipientId + "\"}");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.raw().getHeader("Retry-After"))).isBetween(1, 60);
        assertThat(limited.json().get("title").asString()).isEqualTo("Too many requests");
    }

    @Test
    void channelChecksAreForAdmins() throws Exception {
        String root = user();
        assertThat(post("/api/v1/channels/memory/test", user(), "creator", "{\"destination\": \"a@b\"}")
                        .status())
                .isEqualTo(403);

        Response ok = post("/api/v1/channels/memory/test", root, "admin", "{\"destination\": \"ops@example.com\"}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("status").asString()).isEqualTo("unsupported");
        assertThat(ok.json().get("channel").asString()).isEqualTo("memory");

        Response bad = post("/api/v1/channels/memory/test", root, "admin", "{\"destination\": \"nope\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("destination");
        assertThat(post("/api/v1/channels/fax/test", root, "admin", "{\"destination\": \"x\"}")
                        .status())
                .isEqualTo(404);
    }
}
