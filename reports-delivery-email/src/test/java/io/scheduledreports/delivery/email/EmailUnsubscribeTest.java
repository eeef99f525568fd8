package io.scheduledreports.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.DiskGuard;
import io.scheduledreports.core.ReportsTestKit;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.links.DownloadLinkConfig;
import io.scheduledreports.core.recipients.UnsubscribeScope;
import io.scheduledreports.formats.CsvFormatter;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ReportTypes;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Unsubscribe links in real mail: RFC 2369 / RFC 8058 headers and the footer, read back from GreenMail. */
class EmailUnsubscribeTest {

    @RegisterExtension
    final GreenMailExtension smtp = GreenMailExtension.smtp();

    @TempDir
    Path artifacts;

    @Test
    void everyMailCarriesItsRecipientsOneClickUnsubscribeLinkInHeadersAndBodyAndTheLinkWorks() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:email-unsubscribe;DB_CLOSE_DELAY=-1");
        Actor alice = Actor.of("acme", "alice");
        try (EmailChannel email = EmailChannel.create(smtp.settings().build());
                ReportsTestKit kit = ReportsTestKit.start(
                        ScheduledReports.builder(h2)
                                .reportType(ReportTypes.fromMaps(
                                        "regions",
                                        List.of(Column.text("region")),
                                        req -> Stream.of(Map.of("region", "north"))))
                                .formatter(CsvFormatter.ofDefaults())
                                .channel(email)
                                .artifactDirectory(artifacts)
                                .diskGuard(DiskGuard.disabled())
                                .downloadLinks(
                                        DownloadLinkConfig.builder()
                                                .key(
                                                        "k1",
                                                        "0123456789abcdef0123456789abcdef"
                                                                .getBytes(StandardCharsets.US_ASCII))
                                                .build(),
                                        URI.create("https://app.example.com/api/v1/report-executions/download"))
                                .unsubscribeLinks(URI.create("https://app.example.com/api/v1/unsubscribe")),
                        Instant.parse("2026-02-10T18:30:00Z"))) {
            ScheduledReport s = kit.reports()
                    .create(
                            alice,
                            ScheduleRequest.builder()
                                    .name("Orders")
                                    .reportType("regions")
                                    .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                                    .recipient("email", "bob@example.com")
                                    .recipient("email", "carol@example.com")
                                    .build());
            kit.advanceTo(s.nextRunAt());

            MimeMessage bob = smtp.only("bob@example.com");
            MimeMessage carol = smtp.only("carol@example.com");
            String bobHeader = bob.getHeader("List-Unsubscribe", null);
            assertThat(bobHeader).matches("<https://app\\.example\\.com/api/v1/unsubscribe\\?token=[A-Za-z0-9_.%-]+>");
            assertThat(bob.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(carol.getHeader("List-Unsubscribe", null))
                    .as("each recipient gets a link of its own")
                    .isNotEqualTo(bobHeader);
            String url = bobHeader.substring(1, bobHeader.length() - 1);
            assertThat(MailParts.text(bob)).contains("Unsubscribe:").contains(url);
            assertThat(MailParts.html(bob)).contains("href=\"" + url.replace("&", "&amp;") + "\"");

            String token = url.substring(url.indexOf("token=") + "token=".length());
            assertThat(kit.reports()
                            .unsubscribe(token, UnsubscribeScope.SCHEDULE)
                            .changed())
                    .isTrue();
            kit.advance(Duration.ofDays(1));
            assertThat(smtp.mailbox("bob@example.com"))
                    .as("bob got nothing more")
                    .hasSize(1);
            assertThat(smtp.mailbox("carol@example.com")).hasSize(2);
        }
    }

    @Test
    void withoutUnsubscribeLinksThereIsNoListUnsubscribeHeader() throws Exception {
        TestDeliveries deliveries = TestDeliveries.of(RecipientType.TO.recipient("bob@example.com"));
        try (EmailChannel channel = EmailChannel.create(smtp.settings().build())) {
            assertThat(channel.deliver(deliveries.to("bob@example.com")).sent()).isTrue();
        }
        MimeMessage message = smtp.only("bob@example.com");
        assertThat(message.getHeader("List-Unsubscribe")).isNull();
        assertThat(message.getHeader("List-Unsubscribe-Post")).isNull();
    }

    @Test
    void anUnsubscribeValueThatCouldBreakTheHeaderIsLeftOut() throws Exception {
        TestDeliveries deliveries = TestDeliveries.of(RecipientType.TO.recipient("bob@example.com"))
                .variable("unsubscribe_url", "https://app.example.com/u?token=a>\r\nBcc: eve@example.com");
        try (EmailChannel channel = EmailChannel.create(smtp.settings().build())) {
            assertThat(channel.deliver(deliveries.to("bob@example.com")).sent()).isTrue();
        }
        MimeMessage message = smtp.only("bob@example.com");
        assertThat(message.getHeader("List-Unsubscribe")).isNull();
        assertThat(smtp.mailbox("eve@example.com")).isEmpty();
    }
}
