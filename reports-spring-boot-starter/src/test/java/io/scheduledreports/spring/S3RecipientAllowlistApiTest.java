package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
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

/**
 * The {@code s3} channel's per-tenant bucket allowlist through the REST API: a schedule whose s3 recipient points
 * outside the tenant's buckets is refused with a 400 problem detail naming {@code recipients[i].destination}, on
 * create and on update, and nothing is stored; a bucket on the list is accepted.
 */
@SpringBootTest(
        classes = ApiTestApplication.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:s3-allowlist-api;DB_CLOSE_DELAY=-1",
            "scheduled-reports.artifact-directory=target/s3-allowlist-api-artifacts",
            "scheduled-reports.disk-guard.enabled=false",
            "scheduled-reports.storage.s3.channel.connections.drop.region=eu-west-1",
            "scheduled-reports.storage.s3.channel.allowed-buckets.acme=acme-finance-drop",
            "scheduled-reports.storage.s3.channel.allowed-buckets.globex=globex-drop"
        })
@AutoConfigureMockMvc
class S3RecipientAllowlistApiTest {

    private static final String BASE = "/api/v1/scheduled-reports";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    record Response(int status, String contentType, JsonNode json) {
        JsonNode error() {
            return json.get("errors").get(0);
        }
    }

    @Test
    void aBucketOutsideTheTenantsAllowlistIsA400NamingTheRecipientAndNothingIsStored() throws Exception {
        String user = "u-" + UUID.randomUUID().toString().substring(0, 8);

        Response refused = call(HttpMethod.POST, BASE, user, schedule("Drop", "s3://globex-drop/reports"), null);

        assertThat(refused.status()).as("%s", refused.json()).isEqualTo(400);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.error().get("field").asString()).isEqualTo("recipients[0].destination");
        assertThat(refused.error().get("message").asString())
                .contains("bucket 'globex-drop' is not on the allowlist of tenant 'acme'");
        assertThat(call(HttpMethod.GET, BASE, user, null, null).json().get("items"))
                .as("nothing stored")
                .isEmpty();

        Response created = call(HttpMethod.POST, BASE, user, schedule("Drop", "s3://acme-finance-drop/reports"), null);
        assertThat(created.status()).as("%s", created.json()).isEqualTo(201);
        String path = BASE + "/" + created.json().get("id").asString();

        Response update = call(HttpMethod.PUT, path, user, schedule("Moved", "s3://globex-drop/reports"), "\"1\"");
        assertThat(update.status()).as("%s", update.json()).isEqualTo(400);
        assertThat(update.error().get("field").asString()).isEqualTo("recipients[0].destination");
        JsonNode unchanged = call(HttpMethod.GET, path, user, null, null).json();
        assertThat(unchanged.get("name").asString()).isEqualTo("Drop");
        assertThat(unchanged.get("version").asLong()).isEqualTo(1);
        assertThat(unchanged.get("recipients").get(0).get("destination").asString())
                .isEqualTo("s3://acme-finance-drop/reports");
    }

    private Response call(HttpMethod method, String path, String user, String body, String ifMatch) throws Exception {
        MockHttpServletRequestBuilder req = request(method, path)
                .header("X-Tenant", "acme")
                .header("X-User", user)
                .header("X-Roles", "creator");
        if (body != null) {
            req.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        if (ifMatch != null) {
            req.header("If-Match", ifMatch);
        }
        MockHttpServletResponse res = mvc.perform(req).andReturn().getResponse();
        String text = res.getContentAsString(StandardCharsets.UTF_8);
        return new Response(res.getStatus(), res.getContentType(), text.isEmpty() ? null : JSON.readTree(text));
    }

    private static String schedule(String name, String destination) {
        return """
                {"name": "%s", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "output_format": "csv",
                 "schedule": {"cadence": "daily", "time": "09:00", "timezone": "Europe/Paris"},
                 "recipients": [{"channel": "s3", "destination": "%s", "options": {"connection": "drop"}}]}
                """.formatted(name, destination);
    }
}
