package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.scheduledreports.core.DeliveryRecord;
import io.scheduledreports.core.DeliveryStatus;
import io.scheduledreports.core.DiskGuard;
import io.scheduledreports.core.Execution;
import io.scheduledreports.core.ExecutionStatus;
import io.scheduledreports.core.PageRequest;
import io.scheduledreports.core.ReportsTestKit;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.links.DownloadLinkConfig;
import io.scheduledreports.delivery.email.EmailChannel;
import io.scheduledreports.delivery.email.EmailSettings;
import io.scheduledreports.delivery.email.SmtpSecurity;
import io.scheduledreports.delivery.http.OutboundPolicy;
import io.scheduledreports.delivery.sftp.SftpChannel;
import io.scheduledreports.delivery.sftp.SftpConnection;
import io.scheduledreports.delivery.sftp.SftpSettings;
import io.scheduledreports.delivery.slack.FakeSlack;
import io.scheduledreports.delivery.slack.SlackChannel;
import io.scheduledreports.delivery.slack.SlackSettings;
import io.scheduledreports.delivery.webhook.WebhookChannel;
import io.scheduledreports.delivery.webhook.WebhookSettings;
import io.scheduledreports.formats.CsvFormatter;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportTypes;
import io.scheduledreports.spi.SecretResolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One schedule with an e-mail, a webhook, a Slack and an SFTP recipient runs through the engine against real local
 * servers (GreenMail, the JDK HTTP server as webhook receiver, a Slack look-alike, an in-process Apache MINA SSHD
 * server with the SFTP subsystem on a temporary directory): each recipient gets the report exactly once, and the webhook's 503 with {@code Retry-After: 3600} makes the engine wait an hour, not its
 * one-minute backoff.
 */
class AllChannelsEndToEndTest {
    static final String SIGNING = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @TempDir
    Path artifacts;

    @TempDir
    Path sftpRoot;

    record Hook(String id, String timestamp, String signature, byte[] body) {}

    @Test
    void aScheduleWithEmailWebhookSlackAndSftpRecipientsIsDeliveredOncePerRecipient() throws Exception {
        int smtpPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            smtpPort = probe.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        List<Hook> hooks = new CopyOnWriteArrayList<>();
        AtomicInteger hookCalls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/reports", ex -> {
            hooks.add(new Hook(
                    ex.getRequestHeaders().getFirst("webhook-id"),
                    ex.getRequestHeaders().getFirst("webhook-timestamp"),
                    ex.getRequestHeaders().getFirst("webhook-signature"),
                    ex.getRequestBody().readAllBytes()));
            if (hookCalls.incrementAndGet() == 1) {
                ex.getResponseHeaders().add("Retry-After", "3600");
                ex.sendResponseHeaders(503, -1);
            } else {
                ex.sendResponseHeaders(204, -1);
            }
            ex.close();
        });
        receiver.start();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair hostKey = generator.generateKeyPair();
        AtomicInteger sftpLogins = new AtomicInteger();
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setPasswordAuthenticator((user, password, session) -> {
            boolean ok = "reports".equals(user) && "sftp-pw".equals(password);
            if (ok) {
                sftpLogins.incrementAndGet();
            }
            return ok;
        });
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(sftpRoot));
        sshd.start();
        Files.createDirectories(sftpRoot.resolve("outgoing"));
        SecretResolver secrets = SecretResolver.of(
                Map.of("hook-signing", SIGNING, "slack-bot", FakeSlack.TOKEN, "finance-sftp", "sftp-pw"));
        OutboundPolicy local =
                OutboundPolicy.builder().allow("127.0.0.1").allowPlainHttp(true).build();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:all-channels-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (FakeSlack slack = new FakeSlack();
                EmailChannel email = EmailChannel.create(EmailSettings.builder()
                        .host("127.0.0.1")
                        .port(smtpPort)
                        .security(SmtpSecurity.NONE)
                        .from("reports@acme.test")
                        .build());
                WebhookChannel webhook = WebhookChannel.create(
                        WebhookSettings.builder().policy(local).secrets(secrets).build());
                SlackChannel slackChannel = SlackChannel.create(SlackSettings.builder()
                        .apiBaseUrl(URI.create(slack.baseUrl()))
                        .policy(local)
                        .secrets(secrets)
                        .defaultBotToken("slack-bot")
                        .build());
                SftpChannel sftp = SftpChannel.create(SftpSettings.builder()
                        .connection(SftpConnection.withPassword(
                                "finance",
                                "127.0.0.1",
                                sshd.getPort(),
                                "reports",
                                "finance-sftp",
                                KeyUtils.getFingerPrint(hostKey.getPublic())))
                        .secrets(secrets)
                        .build())) {
            ScheduledReports.Builder builder = ScheduledReports.builder(h2)
                    .reportType(ReportTypes.fromMaps(
                            "regions",
                            List.of(Column.text("region"), Column.integer("orders")),
                            req -> Stream.of(
                                    Map.of("region", "north", "orders", 12L), Map.of("region", "south", "orders", 7L))))
                    .formatter(CsvFormatter.ofDefaults())
                    .channel(email)
                    .channel(webhook)
                    .channel(slackChannel)
                    .channel(sftp)
                    .downloadLinks(
                            DownloadLinkConfig.builder()
                                    .key("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
                                    .build(),
                            URI.create("https://app.example.com/api/v1/report-executions/download"))
                    .artifactDirectory(artifacts)
                    .diskGuard(DiskGuard.disabled());
            Actor alice = Actor.of("acme", "alice");
            String hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/reports";
            try (ReportsTestKit kit = ReportsTestKit.start(builder, Instant.parse("2026-02-10T18:30:00Z"))) {
                ScheduledReport s = kit.reports()
                        .create(
                                alice,
                                ScheduleRequest.builder()
                                        .name("Orders by region")
                                        .reportType("regions")
                                        .schedule(
                                                "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"Europe/Paris\"}")
                                        .recipient("email", "alice@acme.test")
                                        .recipient(new Recipient(
                                                null, "webhook", hookUrl, Map.of("signing_secret", "hook-signing")))
                                        .recipient("slack", "C0123ABCD")
                                        .recipient("sftp", "sftp://finance/outgoing")
                                        .build());

                kit.advanceTo(s.nextRunAt());

                assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
                assertThat(slack.calls)
                        .extracting(FakeSlack.Call::path)
                        .containsExactly(
                                "/api/files.getUploadURLExternal", "/upload/F01", "/api/files.completeUploadExternal");
                assertThat(hooks).hasSize(1);
                assertThat(status(kit, alice, s, "webhook").status()).isEqualTo(DeliveryStatus.PENDING);

                kit.advance(Duration.ofMinutes(30)); // the retry policy alone would have retried after ~1 min
                assertThat(hooks).as("Retry-After: 3600 is honoured").hasSize(1);

                kit.advance(Duration.ofMinutes(31));
                assertThat(hooks).hasSize(2);
                DeliveryRecord hook = status(kit, alice, s, "webhook");
                assertThat(hook.status()).isEqualTo(DeliveryStatus.SENT);
                assertThat(hook.attempts()).isEqualTo(2);
                assertThat(hooks).extracting(Hook::id).containsOnly(hook.idempotencyKey());
                for (Hook h : hooks) {
                    assertThat(verifies(h)).as("signature of %s", h.timestamp()).isTrue();
                }
                JsonNode event = FakeSlack.JSON.readTree(hooks.get(1).body());
                assertThat(event.at("/data/schedule_id").asText()).isEqualTo(s.id());
                assertThat(event.at("/data/row_count").asLong()).isEqualTo(2);
                assertThat(event.at("/data/file/download_url").asText())
                        .startsWith("https://app.example.com/api/v1/report-executions/download?token=");
                assertThat(event.at("/data/file/download_expires_at").asText()).isNotEmpty();

                kit.advance(Duration.ofHours(2));
                assertThat(smtp.getReceivedMessages()).as("one e-mail").hasSize(1);
                assertThat(slack.calls("files.completeUploadExternal"))
                        .as("one Slack post")
                        .hasSize(1);
                assertThat(slack.uploads.get("F01")).startsWith("region,orders".getBytes(StandardCharsets.UTF_8));
                assertThat(hookCalls)
                        .as("one failed and one successful webhook request")
                        .hasValue(2);
                Execution run = execution(kit, alice, s);
                assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(run.deliveries())
                        .extracting(DeliveryRecord::channel)
                        .containsExactlyInAnyOrder("email", "webhook", "slack", "sftp");
                assertThat(run.deliveries())
                        .extracting(DeliveryRecord::status)
                        .containsOnly(DeliveryStatus.SENT)
                        .hasSize(4);
                assertThat(sftpLogins).as("one SFTP session").hasValue(1);
                String name = run.artifact().fileName();
                int dot = name.indexOf('.');
                String target = name.substring(0, dot) + "-" + run.id() + name.substring(dot);
                try (Stream<Path> files = Files.list(sftpRoot.resolve("outgoing"))) {
                    assertThat(files.map(f -> f.getFileName().toString()))
                            .as("one file, named by the execution, no temporary left")
                            .containsExactly(target);
                }
                assertThat(Files.readString(sftpRoot.resolve("outgoing").resolve(target), StandardCharsets.UTF_8))
                        .isEqualTo(new String(slack.uploads.get("F01"), StandardCharsets.UTF_8))
                        .startsWith("region,orders")
                        .contains("north,12")
                        .contains("south,7");
            }
        } finally {
            smtp.stop();
            receiver.stop(0);
            sshd.stop(true);
        }
    }

    private static Execution execution(ReportsTestKit kit, Actor actor, ScheduledReport s) {
        Execution run = kit.reports()
                .executions(actor, s.id(), PageRequest.first())
                .items()
                .get(0);
        return kit.reports().execution(actor, run.id());
    }

    private static DeliveryRecord status(ReportsTestKit kit, Actor actor, ScheduledReport s, String channel) {
        return execution(kit, actor, s).deliveries().stream()
                .filter(d -> d.channel().equals(channel))
                .findFirst()
                .orElseThrow();
    }

    private static boolean verifies(Hook h) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SIGNING.substring(6)), "HmacSHA256"));
        mac.update((h.id() + "." + h.timestamp() + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(h.body());
        return MessageDigest.isEqual(
                expected, Base64.getDecoder().decode(h.signature().substring(3)));
    }
}
