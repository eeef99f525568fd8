package io.scheduledreports.delivery.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.scheduledreports.delivery.http.OutboundPolicy;
import io.scheduledreports.delivery.slack.FakeSlack.Call;
import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsException;
import io.scheduledreports.spi.ReportsValidationException;
import io.scheduledreports.spi.RetryLaterException;
import io.scheduledreports.spi.SecretResolver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackChannelTest {
    static final SecretResolver SECRETS =
            SecretResolver.of(Map.of("slack-bot", FakeSlack.TOKEN, "old-bot", "xoxb-revoked"));

    private FakeSlack slack;
    private SlackChannel channel;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlack();
        channel = SlackChannel.create(settings().build());
    }

    @AfterEach
    void stop() {
        channel.close();
        slack.close();
    }

    private SlackSettings.Builder settings() {
        return SlackSettings.builder()
                .apiBaseUrl(URI.create(slack.baseUrl()))
                .policy(OutboundPolicy.builder()
                        .allow("127.0.0.1")
                        .allowPlainHttp(true)
                        .build())
                .secrets(SECRETS)
                .defaultBotToken("slack-bot")
                .maxFileSize(1024);
    }

    @Test
    void uploadsASmallFileWithTheExternalUploadFlowAndSharesItWithTheSummary() throws Exception {
        TestArtifact file = TestArtifact.csv("region,amount\r\nEU,10\r\n");

        DeliveryResult result = channel.deliver(file.to("C0123ABCD", Map.of(), 1));

        assertThat(result.sent()).isTrue();
        assertThat(slack.calls)
                .extracting(Call::path)
                .containsExactly("/api/files.getUploadURLExternal", "/upload/F01", "/api/files.completeUploadExternal");
        Call getUrl = slack.calls.get(0);
        assertThat(getUrl.method()).isEqualTo("POST");
        assertThat(getUrl.authorization()).isEqualTo("Bearer " + FakeSlack.TOKEN);
        assertThat(getUrl.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(getUrl.form())
                .containsOnly(
                        Map.entry("filename", "weekly-sales-2026-03-02.csv"),
                        Map.entry("length", Long.toString(file.size())));
        Call upload = slack.calls.get(1);
        assertThat(upload.method()).isEqualTo("POST");
        assertThat(upload.authorization())
                .as("the upload URL is pre-signed, no token")
                .isNull();
        assertThat(slack.uploads.get("F01")).isEqualTo(file.bytes());
        Call complete = slack.calls.get(2);
        assertThat(complete.authorization()).isEqualTo("Bearer " + FakeSlack.TOKEN);
        Map<String, String> form = complete.form();
        assertThat(form).containsOnlyKeys("files", "channel_id", "blocks");
        assertThat(form.get("channel_id")).isEqualTo("C0123ABCD");
        JsonNode files = FakeSlack.JSON.readTree(form.get("files"));
        assertThat(files.toString()).isEqualTo("[{\"id\":\"F01\",\"title\":\"weekly-sales-2026-03-02.csv\"}]");
        JsonNode blocks = FakeSlack.JSON.readTree(form.get("blocks"));
        assertThat(blocks.get(0).at("/text/text").asText()).isEqualTo("Weekly sales");
        assertThat(blocks.toString()).contains("1,234").doesNotContain("Download the report");
        assertThat(result.providerReference()).isEqualTo("F01");
        assertThat(slack.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void postsTheSummaryWithTheLinkWhenTheFileIsTooLarge() throws Exception {
        TestArtifact large = TestArtifact.csv("x".repeat(4096));

        DeliveryResult result = channel.deliver(large.to("C0123ABCD", Map.of(), 1));

        assertThat(result.sent()).isTrue();
        assertThat(slack.calls).extracting(Call::path).containsExactly("/api/chat.postMessage");
        Call post = slack.calls.getFirst();
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.authorization()).isEqualTo("Bearer " + FakeSlack.TOKEN);
        assertThat(post.contentType()).isEqualTo("application/json; charset=utf-8");
        JsonNode body = post.json();
        assertThat(body.get("channel").asText()).isEqualTo("C0123ABCD");
        assertThat(body.get("text").asText())
                .isEqualTo("Weekly sales - 1,234 rows: https://reports.example.com/dl?token=abc");
        JsonNode blocks = body.get("blocks");
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).at("/text/text").asText()).isEqualTo("Weekly sales");
        assertThat(blocks.get(1).get("fields").toString())
                .contains("*Scheduled for*\\nMar 2, 2026, 9:00 AM", "*Rows*\\n1,234", "weekly-sales-2026-03-02.csv");
        assertThat(blocks.get(2).at("/text/text").asText())
                .isEqualTo(
                        "<https://reports.example.com/dl?token=abc|Download the report> (until Mar 9, 2026, 9:00 AM)");
        assertThat(result.providerReference()).isEqualTo("C0123ABCD/1700000000.000101");
    }

    @Test
    void linksInsteadOfUploadingWhenTheRecipientSaysSo() throws Exception {
        channel.deliver(TestArtifact.csv("a\r\n").to("C0123ABCD", Map.of("attach_file", "false"), 1));

        assertThat(slack.calls).extracting(Call::path).containsExactly("/api/chat.postMessage");
    }

    @Test
    void aTooLargeFileWithoutADownloadLinkIsAConfigurationFailure() throws Exception {
        TestArtifact noLink = new TestArtifact("big.csv", "text/csv", new byte[4096], null);

        DeliveryResult result = channel.deliver(noLink.to("C0123ABCD", Map.of(), 1));

        assertThat(result.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(slack.calls).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "channel_not_found, CONFIGURATION",
        "not_in_channel, CONFIGURATION",
        "invalid_auth, CONFIGURATION",
        "token_revoked, CONFIGURATION",
        "missing_scope, CONFIGURATION",
        "internal_error, NETWORK",
        "msg_too_long, DATA",
        "invalid_blocks, DATA",
    })
    void mapsSlackErrors(String error, ErrorCategory category) {
        slack.script("chat.postMessage", 200, Map.of(), "{\"ok\":false,\"error\":\"" + error + "\"}");

        assertThatThrownBy(() ->
                        channel.deliver(TestArtifact.csv("a\r\n").to("C0123ABCD", Map.of("attach_file", "false"), 1)))
                .isInstanceOfSatisfying(ReportsException.class, e -> {
                    assertThat(e.category()).isEqualTo(category);
                    assertThat(e).isNotInstanceOf(RetryLaterException.class);
                })
                .hasMessage("slack chat.postMessage failed: " + error);
    }

    @Test
    void aRevokedTokenIsAConfigurationFailureAndTheTokenNeverAppears() {
        assertThatThrownBy(() ->
                        channel.deliver(TestArtifact.csv("a\r\n").to("C0123ABCD", Map.of("bot_token", "old-bot"), 1)))
                .isInstanceOfSatisfying(
                        ReportsException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION))
                .hasMessageContaining("invalid_auth")
                .hasMessageNotContaining("xoxb");
        assertThat(slack.calls.getFirst().authorization()).isEqualTo("Bearer xoxb-revoked");
    }

    @Test
    void rateLimitsAreRetriedAfterSlacksDelay() {
        slack.script("chat.postMessage", 429, Map.of("Retry-After", "30"), "");
        slack.script(
                "files.getUploadURLExternal",
                200,
                Map.of("Retry-After", "7"),
                "{\"ok\":false,\"error\":\"ratelimited\"}");

        assertThatThrownBy(() ->
                        channel.deliver(TestArtifact.csv("a\r\n").to("C0123ABCD", Map.of("attach_file", "false"), 1)))
                .isInstanceOfSatisfying(RetryLaterException.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(e.category()).isEqualTo(ErrorCategory.NETWORK);
                });
        assertThatThrownBy(() -> channel.deliver(TestArtifact.csv("a\r\n").to("C0123ABCD", Map.of(), 1)))
                .isInstanceOfSatisfying(
                        RetryLaterException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void serverErrorsAreRetriedAndAFailedUploadNeverPostsTheMessage() throws Exception {
        slack.script("files.completeUploadExternal", 503, Map.of(), "");

        assertThatThrownBy(() -> channel.deliver(TestArtifact.csv("a\r\n").to("C0123ABCD", Map.of(), 1)))
                .isInstanceOfSatisfying(
                        ReportsException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.NETWORK));
        DeliveryResult retry = channel.deliver(TestArtifact.csv("a\r\n").to("C0123ABCD", Map.of(), 2));

        assertThat(retry.sent()).isTrue();
        assertThat(slack.calls("files.completeUploadExternal")).hasSize(2);
        assertThat(slack.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void validatesTheChannelIdOptionsAndTokenNameAtCreateTime() {
        channel.validateRecipient(Recipient.of("slack", "C0123ABCD"));
        channel.validateRecipient(new Recipient(null, "slack", "G01ABCDEF", Map.of("bot_token", "old-bot")));

        assertThatThrownBy(() -> channel.validateRecipient(Recipient.of("slack", "#general")))
                .isInstanceOfSatisfying(
                        ReportsValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("recipients.destination"))
                .hasMessageContaining("was '#general'");
        assertThatThrownBy(() -> channel.validateRecipient(
                        new Recipient(null, "slack", "C0123ABCD", Map.of("bot_token", "nope"))))
                .isInstanceOfSatisfying(
                        ReportsValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("recipients.options.bot_token"))
                .hasMessageContaining("unknown secret 'nope'");
        assertThatThrownBy(() ->
                        channel.validateRecipient(new Recipient(null, "slack", "C0123ABCD", Map.of("emoji", "x"))))
                .isInstanceOfSatisfying(
                        ReportsValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("recipients.options.emoji"));
        try (SlackChannel noDefault =
                SlackChannel.create(settings().defaultBotToken("missing").build())) {
            assertThatThrownBy(() -> noDefault.validateRecipient(Recipient.of("slack", "C0123ABCD")))
                    .isInstanceOfSatisfying(
                            ReportsValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("recipients.destination"))
                    .hasMessageContaining("unknown secret 'missing'");
        }
    }

    @Test
    void theDefaultPolicyRefusesAPlainHttpOrLoopbackApiBase() {
        try (SlackChannel strict = SlackChannel.create(SlackSettings.builder()
                .apiBaseUrl(URI.create(slack.baseUrl()))
                .secrets(SECRETS)
                .defaultBotToken("slack-bot")
                .build())) {
            assertThatThrownBy(() -> strict.deliver(TestArtifact.csv("a\r\n").to("C0123ABCD", Map.of(), 1)))
                    .isInstanceOfSatisfying(
                            ReportsException.class,
                            e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION));
        }
        assertThat(slack.calls).isEmpty();
    }

    @Test
    void anUploadUrlPointingInsideTheNetworkIsRefused() {
        slack.script(
                "files.getUploadURLExternal",
                200,
                Map.of(),
                "{\"ok\":true,\"upload_url\":\"http://169.254.169.254/latest/meta-data/\",\"file_id\":\"F9\"}");

        assertThatThrownBy(() -> channel.deliver(TestArtifact.csv("a\r\n").to("C0123ABCD", Map.of(), 1)))
                .isInstanceOfSatisfying(
                        ReportsException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION))
                .hasMessageContaining("169.254.169.254");
        assertThat(slack.calls("files.completeUploadExternal")).isEmpty();
    }

    @Test
    void healthCheckCallsAuthTest() {
        SlackHealth health = channel.healthCheck();

        assertThat(health).isEqualTo(new SlackHealth(true, "Acme", null));
        assertThat(slack.calls).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("/api/auth.test");
            assertThat(c.authorization()).isEqualTo("Bearer " + FakeSlack.TOKEN);
        });
        slack.script("auth.test", 200, Map.of(), "{\"ok\":false,\"error\":\"token_revoked\"}");
        assertThat(channel.healthCheck().error()).isEqualTo("slack auth.test failed: token_revoked");
    }

    @Test
    void theConfigurationCheckCallsAuthTestAndARevokedTokenIsAConfigurationFailure() {
        io.scheduledreports.spi.ConnectionCheck ok = channel.checkConfiguration();
        assertThat(ok.ok()).as("%s", ok).isTrue();
        assertThat(ok.details()).containsEntry("team", "Acme");
        assertThat(slack.calls)
                .singleElement()
                .satisfies(c -> assertThat(c.path()).isEqualTo("/api/auth.test"));

        slack.script("auth.test", 200, Map.of(), "{\"ok\":false,\"error\":\"token_revoked\"}");
        io.scheduledreports.spi.ConnectionCheck revoked = channel.checkConfiguration();
        assertThat(revoked.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(revoked.message()).contains("token_revoked").doesNotContain(FakeSlack.TOKEN);
        assertThat(revoked.details().toString()).doesNotContain(FakeSlack.TOKEN);
    }

    @Test
    void aReportNameCannotMentionTheChannel() throws Exception {
        TestArtifact file = TestArtifact.csv("x".repeat(2048));
        var d = file.to("C0123ABCD", Map.of(), 1);
        var renamed = new io.scheduledreports.spi.Delivery(
                d.deliveryId(),
                d.idempotencyKey(),
                d.tenantId(),
                d.scheduleId(),
                d.executionId(),
                "<!channel> & co",
                d.recipient(),
                null,
                d.artifact(),
                d.variables(),
                d.options(),
                d.locale(),
                d.zone(),
                d.scheduledFor(),
                1);

        channel.deliver(renamed);

        String body = new String(slack.calls.getFirst().body(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"text\":\"<!channel> & co\"").as("header is plain_text");
        assertThat(FakeSlack.JSON
                        .readTree(body)
                        .get("blocks")
                        .get(0)
                        .at("/text/type")
                        .asText())
                .isEqualTo("plain_text");
    }

    @Test
    void theRateKeyIsTheBotTokensSecretNameNeverTheToken() {
        assertThat(channel.rateKey(Recipient.of("slack", "C0123ABCD")))
                .as("the default bot token's name")
                .isEqualTo("slack-bot");
        assertThat(channel.rateKey(Recipient.of("slack", "G01ABCDEF")))
                .as("another channel of the same workspace shares the bucket")
                .isEqualTo("slack-bot");
        assertThat(channel.rateKey(new Recipient(null, "slack", "C0123ABCD", Map.of("bot_token", "old-bot"))))
                .isEqualTo("old-bot");
        assertThat(channel.rateKey(Recipient.of("slack", "C0123ABCD")))
                .doesNotContain(SECRETS.resolve("slack-bot").orElseThrow());
    }
}
