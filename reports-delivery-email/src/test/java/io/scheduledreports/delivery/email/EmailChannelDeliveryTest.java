package io.scheduledreports.delivery.email;

import static io.scheduledreports.delivery.email.RecipientType.BCC;
import static io.scheduledreports.delivery.email.RecipientType.CC;
import static io.scheduledreports.delivery.email.RecipientType.TO;
import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.links.DownloadLinkConfig;
import io.scheduledreports.core.links.DownloadLinks;
import io.scheduledreports.core.links.VerifiedToken;
import io.scheduledreports.delivery.email.MailParts.Attachment;
import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.ErrorCategory;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deliveries through a real SMTP conversation with GreenMail, read back from its mailboxes. */
class EmailChannelDeliveryTest {

    @RegisterExtension
    final GreenMailExtension smtp = GreenMailExtension.smtp();

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:05Z");
    private final MutableClock clock = new MutableClock(NOW);

    @Test
    void everyRecipientGetsOneCopyShowingToAndCcButNeverBcc() throws Exception {
        TestDeliveries deliveries = TestDeliveries.of(
                TO.recipient("alice@example.com"),
                TO.recipient("bob@example.com"),
                CC.recipient("carol@example.com"),
                BCC.recipient("dave@example.com"));

        try (EmailChannel channel = channel(smtp.settings())) {
            for (Delivery delivery : deliveries.all()) {
                assertThat(channel.deliver(delivery).sent())
                        .as(delivery.recipient().toString())
                        .isTrue();
            }
        }

        assertThat(smtp.all()).as("one message per recipient, no extra copies").hasSize(4);
        for (String address :
                List.of("alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com")) {
            MimeMessage message = smtp.only(address);
            assertThat(addresses(message, Message.RecipientType.TO))
                    .as("To seen by " + address)
                    .containsExactly("alice@example.com", "bob@example.com");
            assertThat(addresses(message, Message.RecipientType.CC))
                    .as("Cc seen by " + address)
                    .containsExactly("carol@example.com");
            assertThat(message.getHeader("Bcc"))
                    .as("Bcc header seen by " + address)
                    .isNull();
            assertThat(MailParts.headers(message))
                    .as("headers seen by " + address)
                    .doesNotContain("dave@");
            assertThat(message.getFrom()).extracting(Object::toString).containsExactly("reports@example.com");
            assertThat(message.getSubject()).isEqualTo("Weekly sales - 2026-03-02");
            assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        }
    }

    @Test
    void onlyBccRecipientsLeaveAnUndisclosedToHeader() throws Exception {
        TestDeliveries deliveries = TestDeliveries.of(BCC.recipient("dave@example.com"));

        try (EmailChannel channel = channel(smtp.settings())) {
            assertThat(channel.deliver(deliveries.to("dave@example.com")).sent())
                    .isTrue();
        }

        MimeMessage message = smtp.only("dave@example.com");
        assertThat(message.getHeader("To")).containsExactly("undisclosed-recipients:;");
        assertThat(MailParts.headers(message)).doesNotContain("dave@");
    }

    @Test
    void showsSenderNameAndReplyTo() throws Exception {
        TestDeliveries deliveries = TestDeliveries.of(TO.recipient("alice@example.com"));

        try (EmailChannel channel =
                channel(smtp.settings().fromName("Reports – Ünïcode").replyTo("help@example.com"))) {
            assertThat(channel.deliver(deliveries.to("alice@example.com")).sent())
                    .isTrue();
        }

        MimeMessage message = smtp.only("alice@example.com");
        InternetAddress from = (InternetAddress) message.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Reports – Ünïcode");
        assertThat(from.getAddress()).isEqualTo("reports@example.com");
        assertThat(message.getReplyTo()).extracting(Object::toString).containsExactly("help@example.com");
    }

    @Test
    void attachesTheArtifactByteForByte() throws Exception {
        // CRLF, a lone LF, a trailing space and a NUL: nothing may be rewritten on the way.
        TestArtifact csv = TestArtifact.csv("weekly-sales.csv", "region,amount\r\nEU,10 \r\nUS,\"a\nb\"\r\n\u0000");
        TestArtifact pdf = TestArtifact.random("weekly-sales.pdf", "application/pdf", 200_000);

        for (TestArtifact artifact : List.of(csv, pdf)) {
            String address = artifact.mediaType().equals("text/csv") ? "csv@example.com" : "pdf@example.com";
            TestDeliveries deliveries = TestDeliveries.of(TO.recipient(address)).artifact(artifact);
            try (EmailChannel channel = channel(smtp.settings())) {
                assertThat(channel.deliver(deliveries.to(address)).sent()).isTrue();
            }

            MimeMessage message = smtp.only(address);
            assertThat(MailParts.structure(message))
                    .isEqualTo("multipart/mixed[multipart/alternative[text/plain,text/html]," + artifact.mediaType()
                            + "]");
            List<Attachment> attachments = MailParts.attachments(message);
            assertThat(attachments).hasSize(1);
            assertThat(attachments.getFirst().fileName()).isEqualTo(artifact.fileName());
            assertThat(attachments.getFirst().encoding()).isEqualTo("base64");
            assertThat(attachments.getFirst().bytes()).as(artifact.fileName()).isEqualTo(artifact.bytes());
            assertThat(MailParts.text(message)).contains("Attached: " + artifact.fileName() + " (");
        }
    }

    @Test
    void linksAnArtifactOverTheLimitAndTheLinkVerifies() throws Exception {
        DownloadLinks links = DownloadLinks.create(DownloadLinkConfig.builder()
                .base64Key("k1", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
                .build());
        URI link = links.link(URI.create("https://reports.example.com/api/v1/downloads"), "exec-1", "tenant-1", NOW);
        TestArtifact big = TestArtifact.random("weekly-sales.pdf", "application/pdf", 3 * 1024 * 1024 + 400_000)
                .withLink(link);
        TestDeliveries deliveries = TestDeliveries.of(TO.recipient("alice@example.com"))
                .artifact(big)
                .variable("download_expires_at", "09.03.2026 09:00");

        try (EmailChannel channel = channel(smtp.settings().maxAttachmentSize(1024 * 1024))) {
            assertThat(channel.deliver(deliveries.to("alice@example.com")).sent())
                    .isTrue();
        }

        MimeMessage message = smtp.only("alice@example.com");
        assertThat(MailParts.structure(message)).isEqualTo("multipart/alternative[text/plain,text/html]");
        assertThat(MailParts.attachments(message)).isEmpty();
        String text = MailParts.text(message);
        assertThat(text)
                .contains("The report is 3.4 MB, larger than the 1 MB attachment limit; download it here until"
                        + " 09.03.2026 09:00:\n" + link);
        assertThat(MailParts.html(message)).contains("<a href=\"" + link + "\">" + link + "</a>");
        Matcher token = Pattern.compile("token=([A-Za-z0-9_.-]+)").matcher(text);
        assertThat(token.find()).as("token in %s", text).isTrue();
        VerifiedToken verified = links.verify(token.group(1), "tenant-1", NOW.plus(Duration.ofDays(6)));
        assertThat(verified.executionId()).isEqualTo("exec-1");
    }

    @Test
    void overTheLimitWithoutALinkFailsAsConfigurationAndSendsNothing() throws Exception {
        TestDeliveries deliveries = TestDeliveries.of(TO.recipient("alice@example.com"))
                .artifact(TestArtifact.random("big.pdf", "application/pdf", 2 * 1024 * 1024));

        DeliveryResult result;
        try (EmailChannel channel = channel(smtp.settings().maxAttachmentSize(1024 * 1024))) {
            result = channel.deliver(deliveries.to("alice@example.com"));
        }

        assertThat(result.sent()).isFalse();
        assertThat(result.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(result.message())
                .isEqualTo("report file 'big.pdf' is 2 MB, larger than the 1 MB e-mail attachment limit"
                        + " (email.max-attachment-size), and no download link is available; configure a download"
                        + " base URL so large reports are sent as links, or raise the limit");
        assertThat(smtp.all()).isEmpty();
    }

    @Test
    void zipCompressionBringsALargeCsvUnderTheLimit() throws Exception {
        TestArtifact csv = TestArtifact.compressibleCsv("orders.csv", 3 * 1024 * 1024)
                .withLink(URI.create("https://reports.example.com/d?token=x"));
        TestDeliveries deliveries = TestDeliveries.of(
                        TO.recipient("alice@example.com"), TO.recipient("bob@example.com"))
                .artifact(csv);

        try (EmailChannel zipping =
                        channel(smtp.settings().maxAttachmentSize(1024 * 1024).compressAttachments(true));
                EmailChannel plain = channel(smtp.settings().maxAttachmentSize(1024 * 1024))) {
            assertThat(zipping.deliver(deliveries.to("alice@example.com")).sent())
                    .isTrue();
            assertThat(plain.deliver(deliveries.to("bob@example.com")).sent()).isTrue();
        }

        List<Attachment> zipped = MailParts.attachments(smtp.only("alice@example.com"));
        assertThat(zipped).hasSize(1);
        assertThat(zipped.getFirst().fileName()).isEqualTo("orders.csv.zip");
        assertThat(zipped.getFirst().contentType()).startsWith("application/zip");
        assertThat(zipped.getFirst().bytes().length).isLessThan(1024 * 1024);
        try (ZipInputStream zip =
                new ZipInputStream(new ByteArrayInputStream(zipped.getFirst().bytes()))) {
            ZipEntry entry = zip.getNextEntry();
            assertThat(entry.getName()).isEqualTo("orders.csv");
            assertThat(zip.readAllBytes()).isEqualTo(csv.bytes());
            assertThat(zip.getNextEntry()).isNull();
        }
        assertThat(MailParts.text(smtp.only("alice@example.com")))
                .contains("Attached: orders.csv.zip (zip-compressed, ");
        assertThat(MailParts.attachments(smtp.only("bob@example.com")))
                .as("without compression it is linked")
                .isEmpty();
        assertThat(MailParts.text(smtp.only("bob@example.com"))).contains("larger than the 1 MB attachment limit");
    }

    @Test
    void anIncompressibleFileOverTheLimitIsLinkedEvenWhenCompressing() throws Exception {
        TestArtifact random = TestArtifact.random("data.bin", "application/octet-stream", 2 * 1024 * 1024)
                .withLink(URI.create("https://reports.example.com/d?token=abc"));
        TestDeliveries deliveries =
                TestDeliveries.of(TO.recipient("alice@example.com")).artifact(random);

        try (EmailChannel channel =
                channel(smtp.settings().maxAttachmentSize(1024 * 1024).compressAttachments(true))) {
            assertThat(channel.deliver(deliveries.to("alice@example.com")).sent())
                    .isTrue();
        }

        assertThat(MailParts.attachments(smtp.only("alice@example.com"))).isEmpty();
        assertThat(MailParts.text(smtp.only("alice@example.com")))
                .contains("The report is 2 MB, larger than the 1 MB attachment limit even zip-compressed; download it"
                        + " here:\nhttps://reports.example.com/d?token=abc");
    }

    @Test
    void keepsTheSameMessageIdAcrossRetriesAndUsesAnotherPerRecipient() throws Exception {
        TestDeliveries deliveries =
                TestDeliveries.of(TO.recipient("alice@example.com"), TO.recipient("bob@example.com"));

        DeliveryResult first;
        DeliveryResult retry;
        DeliveryResult other;
        try (EmailChannel channel = channel(smtp.settings())) {
            first = channel.deliver(deliveries.to("alice@example.com", 1));
            clock.advance(Duration.ofMinutes(5));
            retry = channel.deliver(deliveries.to("alice@example.com", 2));
            other = channel.deliver(deliveries.to("bob@example.com"));
        }

        assertThat(first.providerReference()).isEqualTo("<exec-1=3Ar-alice=40example=2Ecom@scheduled-reports>");
        assertThat(retry.providerReference()).isEqualTo(first.providerReference());
        assertThat(other.providerReference()).isNotEqualTo(first.providerReference());
        List<MimeMessage> received = smtp.mailbox("alice@example.com");
        assertThat(received).hasSize(2);
        for (MimeMessage message : received) {
            assertThat(message.getMessageID()).isEqualTo(first.providerReference());
        }
        assertThat(smtp.only("bob@example.com").getMessageID()).isEqualTo(other.providerReference());
    }

    @Test
    void rendersTheSchedulesTemplatesWithValuesEscapedInHtml() throws Exception {
        TestDeliveries deliveries = TestDeliveries.of(TO.recipient("alice@example.com"))
                .variable("report_name", "<b>Sales</b> & \"Co\"")
                .variable("row_count", "1.234")
                .options(
                        Map.of(
                                "subject", "{report_name}: {row_count} rows ({{draft}})",
                                "body",
                                        "Hello,\n{report_name} has {row_count} rows.\nFile: {file_name}, {file_size}, {format}"));

        try (EmailChannel channel = channel(smtp.settings())) {
            assertThat(channel.deliver(deliveries.to("alice@example.com")).sent())
                    .isTrue();
        }

        MimeMessage message = smtp.only("alice@example.com");
        assertThat(message.getSubject()).isEqualTo("<b>Sales</b> & \"Co\": 1.234 rows ({draft})");
        assertThat(MailParts.text(message))
                .startsWith(
                        "Hello,\n<b>Sales</b> & \"Co\" has 1.234 rows.\nFile: weekly-sales-2026-03-02.csv, 22 bytes, CSV\n\nAttached:");
        String html = MailParts.html(message);
        assertThat(html)
                .contains("Hello,<br>\n&lt;b&gt;Sales&lt;/b&gt; &amp; &quot;Co&quot; has 1.234 rows.<br>\n")
                .contains("<title>&lt;b&gt;Sales&lt;/b&gt; &amp; &quot;Co&quot;: 1.234 rows ({draft})</title>")
                .doesNotContain("<b>Sales");
    }

    @Test
    void usesTheDefaultTemplatesFromTheSettings() throws Exception {
        TestDeliveries deliveries = TestDeliveries.of(TO.recipient("alice@example.com"));

        try (EmailChannel channel = channel(smtp.settings()
                .defaultSubject("[Reports] {report_name}")
                .defaultBody("Run {execution_id} at {scheduled_for} ({timezone})"))) {
            assertThat(channel.deliver(deliveries.to("alice@example.com")).sent())
                    .isTrue();
        }

        MimeMessage message = smtp.only("alice@example.com");
        assertThat(message.getSubject()).isEqualTo("[Reports] Weekly sales");
        assertThat(MailParts.text(message)).startsWith("Run exec-1 at 02.03.2026 09:00 (Europe/Berlin)\n\nAttached: ");
    }

    @Test
    void aLineBreakInAValueNeverReachesTheSubjectHeader() throws Exception {
        TestDeliveries deliveries = TestDeliveries.of(TO.recipient("alice@example.com"))
                .variable("report_name", "Sales\r\nBcc: mallory@example.com");

        try (EmailChannel channel = channel(smtp.settings())) {
            assertThat(channel.deliver(deliveries.to("alice@example.com")).sent())
                    .isTrue();
        }

        MimeMessage message = smtp.only("alice@example.com");
        assertThat(message.getSubject()).isEqualTo("Sales Bcc: mallory@example.com - 2026-03-02");
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(smtp.mailbox("mallory@example.com")).isEmpty();
    }

    @Test
    void reportsHealthUpWhenTheServerAnswers() {
        try (EmailChannel channel = channel(smtp.settings())) {
            EmailHealth health = channel.healthCheck();

            assertThat(health.up()).as("%s", health).isTrue();
            assertThat(health.details())
                    .containsEntry("server", "127.0.0.1:" + smtp.port())
                    .containsEntry("security", "NONE");
        }
    }

    @Test
    void failsAsConfigurationWhenStartTlsIsRequiredButNotOffered() {
        TestDeliveries deliveries = TestDeliveries.of(TO.recipient("alice@example.com"));

        try (EmailChannel channel = channel(smtp.settings().security(SmtpSecurity.STARTTLS_REQUIRED))) {
            DeliveryResult result = channel.deliver(deliveries.to("alice@example.com"));

            assertThat(result.category()).isEqualTo(ErrorCategory.CONFIGURATION);
            assertThat(result.message()).contains("does not offer STARTTLS");
            assertThat(channel.healthCheck().details()).containsEntry("category", "CONFIGURATION");
        }
        assertThat(smtp.all()).isEmpty();
    }

    private EmailChannel channel(EmailSettings.Builder settings) {
        return EmailChannel.create(settings.build(), clock);
    }

    private static List<String> addresses(MimeMessage message, Message.RecipientType type) throws Exception {
        jakarta.mail.Address[] addresses = message.getRecipients(type);
        return addresses == null
                ? List.of()
                : Arrays.stream(addresses).map(Object::toString).toList();
    }
}
