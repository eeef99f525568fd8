package io.scheduledreports.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
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
import io.scheduledreports.formats.CsvFormatter;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportTypes;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The e-mail channel inside the engine: SMTP down, retried with backoff, delivered once when it is back. */
class EmailPipelineTest {

    @TempDir
    Path artifacts;

    @Test
    void smtpDownIsRetriedWithBackoffAndDeliveredOnceWhenItComesBack() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:email-pipeline;DB_CLOSE_DELAY=-1");
        EmailChannel email = EmailChannel.create(EmailSettings.builder()
                .host("127.0.0.1")
                .port(port)
                .security(SmtpSecurity.NONE)
                .from("reports@acme.test")
                .connectTimeout(Duration.ofSeconds(2))
                .build());
        ScheduledReports.Builder builder = ScheduledReports.builder(h2)
                .reportType(ReportTypes.fromMaps(
                        "regions",
                        List.of(Column.text("region"), Column.integer("orders")),
                        req -> Stream.of(
                                Map.of("region", "north", "orders", 12L), Map.of("region", "south", "orders", 7L))))
                .formatter(CsvFormatter.ofDefaults())
                .channel(email)
                .artifactDirectory(artifacts)
                .diskGuard(DiskGuard.disabled());
        Actor alice = Actor.of("acme", "alice");
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
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
                                    .deliveryOptions("email", Map.of("subject", "{report_name} for {date}"))
                                    .build());

            kit.advanceTo(s.nextRunAt()); // nobody listens on the SMTP port
            DeliveryRecord first = delivery(kit, alice, s);
            assertThat(first.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(first.errorCategory()).isEqualTo(ErrorCategory.NETWORK);
            assertThat(first.attempts()).isEqualTo(1);

            smtp.start();
            kit.advance(Duration.ofMinutes(2)); // first backoff is 1 min +/- 20 %

            assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
            MimeMessage[] received = smtp.getReceivedMessages();
            assertThat(received).hasSize(1);
            assertThat(received[0].getSubject()).isEqualTo("Orders by region for Feb 11, 2026");
            assertThat(received[0].getMessageID()).contains(first.idempotencyKey());
            DeliveryRecord sent = delivery(kit, alice, s);
            assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(sent.attempts()).isEqualTo(2);
            kit.advance(Duration.ofHours(1));
            assertThat(smtp.getReceivedMessages()).as("delivered once").hasSize(1);
        } finally {
            smtp.stop();
            email.close();
        }
    }

    private static DeliveryRecord delivery(ReportsTestKit kit, Actor actor, ScheduledReport s) throws IOException {
        Execution run = kit.reports()
                .executions(actor, s.id(), PageRequest.first())
                .items()
                .get(0);
        Execution detail = kit.reports().execution(actor, run.id());
        assertThat(detail.status()).isIn(ExecutionStatus.DELIVERING, ExecutionStatus.SUCCEEDED);
        return detail.deliveries().get(0);
    }
}
