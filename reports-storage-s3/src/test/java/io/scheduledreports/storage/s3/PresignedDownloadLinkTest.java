package io.scheduledreports.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.scheduledreports.core.DiskGuard;
import io.scheduledreports.core.Execution;
import io.scheduledreports.core.PageRequest;
import io.scheduledreports.core.ReportsTestKit;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.links.DownloadLinkConfig;
import io.scheduledreports.delivery.email.EmailChannel;
import io.scheduledreports.delivery.email.EmailSettings;
import io.scheduledreports.delivery.email.SmtpSecurity;
import io.scheduledreports.formats.CsvFormatter;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ReportTypes;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * E-mail download links as S3 presigned URLs: a schedule with an e-mail recipient runs through the engine with an
 * {@link S3ArtifactStore} on S3Proxy and the e-mail channel against GreenMail (attachments off, so the mail
 * carries a link). With {@code presignedDownloadLinks(true)} the mail holds a presigned URL of the object that a
 * plain HTTP GET downloads, valid for the link validity or up to the file's retention end, whichever is earlier;
 * otherwise, or when the validity exceeds what S3 can sign, it holds the library's own link.
 */
class PresignedDownloadLinkTest {

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    private static final Instant START = Instant.parse("2026-02-10T18:30:00Z");
    private static final URI OWN_LINKS = URI.create("https://app.example.com/api/v1/report-executions/download");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"<>]+");

    private GreenMail smtp;
    private int smtpPort;
    private String bucket;

    @BeforeEach
    void startSmtp() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            smtpPort = probe.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        bucket = S3.createBucket("presign-" + System.nanoTime());
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void theMailLinksToAPresignedUrlThatAPlainGetDownloads() throws Exception {
        try (S3ArtifactStore store =
                S3.store(bucket).keyPrefix("mail").presignedDownloadLinks(true).build()) {
            Sent sent = runOnce(store, Duration.ofDays(2), Duration.ofDays(90));

            URI link = sent.link();
            assertThat(link.toString())
                    .as("the object itself, not the host's download endpoint")
                    .startsWith(S3.endpoint() + "/" + bucket + "/mail/acme/2026/02/"
                            + sent.execution().id() + "/"
                            + sent.execution().artifact().fileName() + "?");
            assertThat(link.getQuery()).contains("X-Amz-Expires=172800").contains("X-Amz-Signature=");
            HttpResponse<byte[]> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(sha256(response.body()))
                    .isEqualTo(sent.execution().artifact().sha256());
            assertThat(response.headers().firstValue("Content-Disposition"))
                    .hasValue("attachment; filename=\""
                            + sent.execution().artifact().fileName() + "\"");
        }
    }

    @Test
    void theValidityEndsWithTheFilesRetentionWhenThatIsEarlier() throws Exception {
        try (S3ArtifactStore store =
                S3.store(bucket).presignedDownloadLinks(true).build()) {
            Sent sent = runOnce(store, Duration.ofDays(5), Duration.ofDays(1));

            assertThat(sent.link().getHost()).isEqualTo("127.0.0.1");
            assertThat(sent.link().getQuery()).contains("X-Amz-Expires=86400");
        }
    }

    @Test
    void theLibrarysOwnLinkStaysTheDefaultAndTheFallbackBeyondSevenDays() throws Exception {
        try (S3ArtifactStore off = S3.store(bucket).keyPrefix("off").build()) {
            assertThat(runOnce(off, Duration.ofDays(2), Duration.ofDays(90))
                            .link()
                            .toString())
                    .startsWith(OWN_LINKS + "?");
        }
        smtp.reset();
        try (S3ArtifactStore tooLong =
                S3.store(bucket).keyPrefix("long").presignedDownloadLinks(true).build()) {
            assertThat(runOnce(tooLong, Duration.ofDays(8), Duration.ofDays(90))
                            .link()
                            .toString())
                    .as("S3 signs for at most 7 days")
                    .startsWith(OWN_LINKS + "?");
        }
    }

    record Sent(Execution execution, URI link) {}

    private Sent runOnce(S3ArtifactStore store, Duration linkValidity, Duration retention) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:presign-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Actor alice = Actor.of("acme", "alice");
        try (EmailChannel email = EmailChannel.create(EmailSettings.builder()
                .host("127.0.0.1")
                .port(smtpPort)
                .security(SmtpSecurity.NONE)
                .from("reports@acme.test")
                .maxAttachmentSize(0)
                .build())) {
            ScheduledReports.Builder builder = ScheduledReports.builder(h2)
                    .reportType(ReportTypes.fromMaps(
                            "regions",
                            List.of(Column.text("region"), Column.integer("orders")),
                            req -> IntStream.range(0, 200)
                                    .mapToObj(i -> Map.<String, Object>of("region", "r" + i, "orders", (long) i))))
                    .formatter(CsvFormatter.ofDefaults())
                    .channel(email)
                    .downloadLinks(
                            DownloadLinkConfig.builder()
                                    .key("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
                                    .validity(linkValidity)
                                    .build(),
                            OWN_LINKS)
                    .retention(io.scheduledreports.core.RetentionPolicy.ofDefaults()
                            .withArtifactRetention(retention))
                    .artifactStore(store)
                    .diskGuard(DiskGuard.disabled());
            try (ReportsTestKit kit = ReportsTestKit.start(builder, START)) {
                ScheduledReport s = kit.reports()
                        .create(
                                alice,
                                ScheduleRequest.builder()
                                        .name("Orders by region")
                                        .reportType("regions")
                                        .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\","
                                                + "\"timezone\":\"Europe/Paris\"}")
                                        .recipient("email", "alice@acme.test")
                                        .build());
                kit.advanceTo(s.nextRunAt());
                assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
                Execution e = kit.reports()
                        .executions(alice, s.id(), PageRequest.first())
                        .items()
                        .getFirst();
                e = kit.reports().execution(alice, e.id());
                MimeMessage[] mails = smtp.getReceivedMessages();
                assertThat(mails).hasSize(1);
                return new Sent(e, onlyLink(plainText(mails[0])));
            }
        }
    }

    private static URI onlyLink(String text) {
        Matcher m = URL.matcher(text);
        assertThat(m.find()).as("a link in:\n" + text).isTrue();
        URI link = URI.create(m.group());
        assertThat(m.find()).as("one link in:\n" + text).isFalse();
        return link;
    }

    private static String plainText(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
