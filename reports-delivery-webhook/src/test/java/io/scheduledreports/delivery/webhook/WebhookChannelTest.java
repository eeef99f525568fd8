package io.scheduledreports.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scheduledreports.delivery.http.OutboundPolicy;
import io.scheduledreports.delivery.webhook.ReceiverServer.Answer;
import io.scheduledreports.delivery.webhook.ReceiverServer.Received;
import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsException;
import io.scheduledreports.spi.ReportsValidationException;
import io.scheduledreports.spi.RetryLaterException;
import io.scheduledreports.spi.SecretResolver;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookChannelTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final SecretResolver SECRETS = SecretResolver.of(Map.of(
            "hook-signing", SECRET,
            "hook-token", "t0ken-value",
            "hook-basic", "reports:pa55",
            "bad-signing", "whsec_###"));
    static final ObjectMapper JSON = new ObjectMapper();

    private ReceiverServer server;
    private WebhookChannel channel;
    private Instant now = Instant.parse("2026-03-02T08:00:05Z");

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @BeforeEach
    void start() throws Exception {
        server = ReceiverServer.http();
        channel = WebhookChannel.create(settings().build());
    }

    @AfterEach
    void stop() {
        channel.close();
        server.close();
    }

    private WebhookSettings.Builder settings() {
        return WebhookSettings.builder()
                .policy(OutboundPolicy.builder()
                        .allow("127.0.0.1/32")
                        .allowPlainHttp(true)
                        .build())
                .secrets(SECRETS)
                .clock(clock)
                .maxFileSize(1024)
                .readTimeout(Duration.ofMillis(500));
    }

    private String url() {
        return "http://127.0.0.1:" + server.port() + "/hooks/reports?src=test";
    }

    @Test
    void postsASignedEventThatAReceiverVerifies() throws Exception {
        TestArtifact file = TestArtifact.csv("region,amount\r\nEU,10\r\n");

        DeliveryResult result = channel.deliver(file.to(url(), Map.of("signing_secret", "hook-signing"), 1));

        assertThat(result.sent()).isTrue();
        Received r = server.received().getFirst();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hooks/reports?src=test");
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.header("webhook-id")).isEqualTo("exec-1:rcp-1");
        assertThat(r.header("webhook-timestamp")).isEqualTo(Long.toString(now.getEpochSecond()));
        assertThat(StandardWebhooksVerifier.verify(
                        SECRET,
                        r.header("webhook-id"),
                        r.header("webhook-timestamp"),
                        r.body(),
                        r.header("webhook-signature")))
                .as("signature verifies")
                .isTrue();
        assertThat(StandardWebhooksVerifier.verify(
                        SECRET, "other-id", r.header("webhook-timestamp"), r.body(), r.header("webhook-signature")))
                .as("signature is bound to the id")
                .isFalse();

        JsonNode event = JSON.readTree(r.body());
        assertThat(event.get("type").asText()).isEqualTo("scheduled_report.ready");
        assertThat(event.get("timestamp").asText()).isEqualTo("2026-03-02T08:00:05Z");
        JsonNode data = event.get("data");
        assertThat(data.get("schedule_id").asText()).isEqualTo("sch-1");
        assertThat(data.get("schedule_name").asText()).isEqualTo("Weekly sales");
        assertThat(data.get("execution_id").asText()).isEqualTo("exec-1");
        assertThat(data.get("scheduled_for").asText()).isEqualTo("2026-03-02T08:00:00Z");
        assertThat(data.get("row_count").asLong()).isEqualTo(1234);
        JsonNode f = data.get("file");
        assertThat(f.get("name").asText()).isEqualTo("weekly-sales-2026-03-02.csv");
        assertThat(f.get("size").asLong()).isEqualTo(file.size());
        assertThat(f.get("sha256").asText()).isEqualTo(file.sha256());
        assertThat(f.get("download_url").asText()).isEqualTo("https://reports.example.com/dl?token=abc");
        assertThat(f.get("download_expires_at").asText()).isEqualTo("2026-03-09T08:00:00Z");
        assertThat(f.get("attached").asBoolean()).isFalse();
    }

    @Test
    void everyAttemptCarriesTheSameIdAndAFreshTimestamp() throws Exception {
        TestArtifact file = TestArtifact.csv("a\r\n1\r\n");
        server.answer(Answer.of(503));

        assertThatThrownBy(() -> channel.deliver(file.to(url(), Map.of("signing_secret", "hook-signing"), 1)))
                .isInstanceOf(ReportsException.class);
        now = now.plusSeconds(60);
        channel.deliver(file.to(url(), Map.of("signing_secret", "hook-signing"), 2));

        List<Received> got = server.received();
        assertThat(got).extracting(x -> x.header("webhook-id")).containsExactly("exec-1:rcp-1", "exec-1:rcp-1");
        assertThat(Long.parseLong(got.get(1).header("webhook-timestamp")))
                .isEqualTo(Long.parseLong(got.get(0).header("webhook-timestamp")) + 60);
        for (Received r : got) {
            assertThat(StandardWebhooksVerifier.verify(
                            SECRET,
                            r.header("webhook-id"),
                            r.header("webhook-timestamp"),
                            r.body(),
                            r.header("webhook-signature")))
                    .isTrue();
        }
    }

    @Test
    void sendsTheFileAsMultipartWhenAskedAndSmallEnough() throws Exception {
        TestArtifact small = TestArtifact.csv("region,amount\r\nEU,10\r\n");
        TestArtifact large = TestArtifact.csv("x".repeat(2048));
        Map<String, String> options = Map.of("signing_secret", "hook-signing", "attach_file", "true");

        channel.deliver(small.to(url(), options, 1));
        channel.deliver(large.to(url(), options, 1));

        Received multipart = server.received().get(0);
        assertThat(multipart.header("content-type")).startsWith("multipart/form-data; boundary=");
        String boundary = multipart.header("content-type").substring("multipart/form-data; boundary=".length());
        String body = multipart.text();
        assertThat(body)
                .contains("--" + boundary + "\r\nContent-Disposition: form-data; name=\"event\"\r\n"
                        + "Content-Type: application/json\r\n\r\n{\"type\":\"scheduled_report.ready\"");
        assertThat(body)
                .contains("Content-Disposition: form-data; name=\"file\"; filename=\"weekly-sales-2026-03-02.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\nregion,amount\r\nEU,10\r\n\r\n--" + boundary + "--\r\n");
        assertThat(body).contains("\"attached\":true");
        assertThat(StandardWebhooksVerifier.verify(
                        SECRET,
                        multipart.header("webhook-id"),
                        multipart.header("webhook-timestamp"),
                        multipart.body(),
                        multipart.header("webhook-signature")))
                .as("the signature covers the whole multipart body")
                .isTrue();

        Received linkOnly = server.received().get(1);
        assertThat(linkOnly.header("content-type")).isEqualTo("application/json");
        assertThat(JSON.readTree(linkOnly.body()).at("/data/file/attached").asBoolean())
                .isFalse();
    }

    @Test
    void addsBearerBasicOrApiKeyHeadersFromSecrets() throws Exception {
        TestArtifact file = TestArtifact.csv("a\r\n");

        channel.deliver(file.to(url(), Map.of("auth", "bearer", "auth_secret", "hook-token"), 1));
        channel.deliver(file.to(url(), Map.of("auth", "basic", "auth_secret", "hook-basic"), 1));
        channel.deliver(
                file.to(url(), Map.of("auth", "header", "auth_secret", "hook-token", "auth_header", "X-Token"), 1));

        List<Received> got = server.received();
        assertThat(got.get(0).header("authorization")).isEqualTo("Bearer t0ken-value");
        assertThat(got.get(1).header("authorization"))
                .isEqualTo(
                        "Basic " + Base64.getEncoder().encodeToString("reports:pa55".getBytes(StandardCharsets.UTF_8)));
        assertThat(got.get(2).header("x-token")).isEqualTo("t0ken-value");
        assertThat(got.get(0).header("webhook-signature"))
                .as("no signing secret, no signature")
                .isNull();
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
        "400, DATA",
        "413, DATA",
        "422, DATA",
        "401, CONFIGURATION",
        "403, CONFIGURATION",
        "404, CONFIGURATION",
        "410, CONFIGURATION",
        "301, CONFIGURATION",
        "307, CONFIGURATION",
    })
    void permanentAnswersFailWithoutRetry(int status, ErrorCategory category) throws Exception {
        server.answer(Answer.of(status, "{\"error\":\"nope\"}", Map.of("Location", "https://elsewhere.example.com/")));

        DeliveryResult result = channel.deliver(TestArtifact.csv("a\r\n").to(url(), Map.of(), 1));

        assertThat(result.sent()).isFalse();
        assertThat(result.category()).isEqualTo(category);
        assertThat(result.message()).startsWith("webhook to 127.0.0.1 answered " + status);
        assertThat(server.received()).as("redirects are not followed").hasSize(1);
    }

    @ParameterizedTest(name = "HTTP {0} is retried")
    @CsvSource({"408", "429", "500", "502", "503", "504"})
    void temporaryAnswersAreRetried(int status) {
        server.answer(Answer.of(status, "busy", Map.of()));

        assertThatThrownBy(() -> channel.deliver(TestArtifact.csv("a\r\n").to(url(), Map.of(), 1)))
                .isInstanceOfSatisfying(ReportsException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.NETWORK);
                    assertThat(e).isNotInstanceOf(RetryLaterException.class);
                    assertThat(e.getMessage()).isEqualTo("webhook to 127.0.0.1 answered " + status + ": busy");
                });
    }

    @Test
    void honoursRetryAfterInSecondsOrAsADateUpToTheConfiguredMaximum() {
        server.answer(
                Answer.of(429, "", Map.of("Retry-After", "120")),
                Answer.of(503, "", Map.of("Retry-After", "Mon, 02 Mar 2026 08:30:05 GMT")),
                Answer.of(503, "", Map.of("Retry-After", "999999")));

        List<Duration> delays = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> channel.deliver(TestArtifact.csv("a\r\n").to(url(), Map.of(), 1)))
                    .isInstanceOfSatisfying(RetryLaterException.class, e -> delays.add(e.retryAfter()));
        }

        assertThat(delays).containsExactly(Duration.ofSeconds(120), Duration.ofMinutes(30), Duration.ofHours(1));
    }

    @Test
    void capsTheErrorBodyInTheMessage() throws Exception {
        server.answer(Answer.of(400, "e".repeat(50_000), Map.of()));

        DeliveryResult result = channel.deliver(TestArtifact.csv("a\r\n").to(url(), Map.of(), 1));

        assertThat(result.message()).hasSizeLessThan(1_100).endsWith("eee...");
    }

    @Test
    void aSilentReceiverIsATimeoutAndAClosedPortANetworkFailure() throws Exception {
        server.answer(new Answer(200, Map.of(), "late", 2_000));
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }

        assertThatThrownBy(() -> channel.deliver(TestArtifact.csv("a\r\n").to(url(), Map.of(), 1)))
                .isInstanceOfSatisfying(
                        ReportsException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT));
        assertThatThrownBy(() -> channel.deliver(
                        TestArtifact.csv("a\r\n").to("http://127.0.0.1:" + closedPort + "/", Map.of(), 1)))
                .isInstanceOfSatisfying(
                        ReportsException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.NETWORK));
    }

    @Test
    void theDefaultPolicyRefusesLoopbackAndPlainHttpAtCreateAndAtSend() throws Exception {
        try (WebhookChannel strict =
                WebhookChannel.create(WebhookSettings.builder().secrets(SECRETS).build())) {
            assertThatThrownBy(() -> strict.validateRecipient(Recipient.of("webhook", url())))
                    .isInstanceOfSatisfying(
                            ReportsValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("recipients.destination"))
                    .hasMessageContaining("https");
            assertThatThrownBy(() -> strict.validateRecipient(Recipient.of("webhook", "https://169.254.169.254/x")))
                    .hasMessageContaining("link-local");
            assertThatThrownBy(() -> strict.validateRecipient(Recipient.of("webhook", "https://localhost/x")))
                    .hasMessageContaining("loopback");
            assertThatThrownBy(() -> strict.deliver(
                            TestArtifact.csv("a").to("https://127.0.0.1:" + server.port() + "/", Map.of(), 1)))
                    .isInstanceOfSatisfying(
                            ReportsException.class,
                            e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION))
                    .hasMessageContaining("loopback");
        }
        assertThat(server.received()).isEmpty();
    }

    @Test
    void validatesOptionsAndSecretNamesAtCreateTime() {
        String u = "https://hooks.example.com/in";

        channel.validateRecipient(new Recipient(
                null,
                "webhook",
                u,
                Map.of("signing_secret", "hook-signing", "auth", "bearer", "auth_secret", "hook-token")));
        assertField(
                Map.of("signing_secret", "missing"), "recipients.options.signing_secret", "unknown secret 'missing'");
        assertField(Map.of("signing_secret", "bad-signing"), "recipients.options.signing_secret", "base64");
        assertField(
                Map.of("auth", "bearer", "auth_secret", "nope"),
                "recipients.options.auth_secret",
                "unknown secret 'nope'");
        assertField(
                Map.of("auth", "basic", "auth_secret", "hook-token"),
                "recipients.options.auth_secret",
                "user:password");
        assertField(Map.of("auth", "bearer"), "recipients.options.auth_secret", "required");
        assertField(Map.of("auth", "digest", "auth_secret", "hook-token"), "recipients.options.auth", "was 'digest'");
        assertField(
                Map.of("auth", "header", "auth_secret", "hook-token", "auth_header", "Host"),
                "recipients.options.auth_header",
                "'Host'");
        assertField(Map.of("attach_file", "yes"), "recipients.options.attach_file", "was 'yes'");
        assertField(Map.of("colour", "blue"), "recipients.options.colour", "unknown webhook option");
        assertThatThrownBy(() -> channel.validateRecipient(Recipient.of("webhook", "not a url")))
                .isInstanceOfSatisfying(
                        ReportsValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("recipients.destination"));
    }

    @Test
    void anUnknownDefaultSigningSecretIsReportedOnTheDestination() {
        try (WebhookChannel c =
                WebhookChannel.create(settings().defaultSigningSecret("nowhere").build())) {
            assertThatThrownBy(() -> c.validateRecipient(Recipient.of("webhook", "https://hooks.example.com/in")))
                    .isInstanceOfSatisfying(
                            ReportsValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("recipients.destination"))
                    .hasMessageContaining("unknown secret 'nowhere'");
        }
    }

    @Test
    void secretValuesNeverAppearInErrors() {
        Throwable validation =
                org.assertj.core.api.Assertions.catchThrowable(() -> channel.validateRecipient(new Recipient(
                        null,
                        "webhook",
                        "https://hooks.example.com/in",
                        Map.of("auth", "basic", "auth_secret", "hook-token"))));

        assertThat(validation.getMessage()).doesNotContain("t0ken-value");
    }

    private void assertField(Map<String, String> options, String field, String text) {
        assertThatThrownBy(() -> channel.validateRecipient(
                        new Recipient(null, "webhook", "https://hooks.example.com/in", options)))
                .as("options %s", options)
                .isInstanceOfSatisfying(
                        ReportsValidationException.class,
                        e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(text);
    }

    @Test
    void theRateKeyIsTheDestinationHostInLowerCaseWithANonDefaultPort() {
        assertThat(channel.rateKey(Recipient.of("webhook", "https://Hooks.Example.COM/in")))
                .isEqualTo("hooks.example.com");
        assertThat(channel.rateKey(Recipient.of("webhook", "https://hooks.example.com:443/other?x=1")))
                .as("the default https port is left out, so both URLs share one bucket")
                .isEqualTo("hooks.example.com");
        assertThat(channel.rateKey(Recipient.of("webhook", "https://hooks.example.com:8443/in")))
                .isEqualTo("hooks.example.com:8443");
        assertThat(channel.rateKey(Recipient.of("webhook", "http://127.0.0.1:80/in")))
                .as("the default http port is left out")
                .isEqualTo("127.0.0.1");
        assertThat(channel.rateKey(Recipient.of("webhook", "http://127.0.0.1:443/in")))
                .as("443 is not http's default")
                .isEqualTo("127.0.0.1:443");
        assertThat(channel.rateKey(Recipient.of("webhook", url()))).isEqualTo("127.0.0.1:" + server.port());
        assertThat(channel.rateKey(Recipient.of("webhook", "https://[2001:DB8::1]:9000/in")))
                .isEqualTo("[2001:db8::1]:9000");
        assertThat(channel.rateKey(Recipient.of("webhook", "https://other.example.com/in")))
                .as("another host, another bucket")
                .isNotEqualTo(channel.rateKey(Recipient.of("webhook", "https://hooks.example.com/in")));
    }
}
