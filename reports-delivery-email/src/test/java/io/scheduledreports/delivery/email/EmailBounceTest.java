package io.scheduledreports.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.DiskGuard;
import io.scheduledreports.core.ExecutionStatus;
import io.scheduledreports.core.FailureNotifications;
import io.scheduledreports.core.ReportsTestKit;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.recipients.RecipientState;
import io.scheduledreports.core.recipients.RecipientStatus;
import io.scheduledreports.formats.CsvFormatter;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ReportTypes;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hard bounces end to end: a real SMTP conversation answers {@code 550} to one recipient's {@code RCPT}; after
 * three such refusals in a row the recipient is marked bounced, gets nothing more, its owner is told once, and
 * re-activation by the owner sends again. On H2 and PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(
        value = TestDatabase.class,
        names = {"H2", "POSTGRESQL"})
class EmailBounceTest {

    private static final Actor ALICE = Actor.of("acme", "alice");
    private static final String BOB = "bob@example.com";
    private static final String CAROL = "carol@example.com";
    private static final String OWNER = "alice@acme.test";

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    private ScriptedSmtpServer smtp;
    private TestDatabase.Instance db;

    @BeforeEach
    void start() throws Exception {
        smtp = ScriptedSmtpServer.start();
        smtp.refuseRecipient(BOB, "550 5.1.1 <" + BOB + ">: Recipient address rejected: User unknown");
        db = database.open(8);
    }

    @AfterEach
    void stop() throws Exception {
        smtp.close();
        db.close();
    }

    private ReportsTestKit kit(EmailChannel email) {
        return ReportsTestKit.start(
                ScheduledReports.builder(db.dataSource())
                        .tablePrefix(db.tables().prefix())
                        .reportType(ReportTypes.fromMaps(
                                "regions", List.of(Column.text("region")), req -> Stream.of(Map.of("region", "north"))))
                        .formatter(CsvFormatter.ofDefaults())
                        .channel(email)
                        .artifactDirectory(artifacts)
                        .diskGuard(DiskGuard.disabled())
                        .failureNotifications(FailureNotifications.byEmail(
                                (tenant, owner) -> "alice".equals(owner) ? Optional.of(OWNER) : Optional.empty())),
                Instant.parse("2026-02-10T18:30:00Z"));
    }

    /** Alice's daily "Orders" report to these e-mail recipients, run on its first two days. */
    private static ScheduledReport dailyOrdersRunTwice(ReportsTestKit kit, String... recipients) {
        ScheduleRequest.Builder request = ScheduleRequest.builder()
                .name("Orders")
                .reportType("regions")
                .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}");
        for (String recipient : recipients) {
            request.recipient("email", recipient);
        }
        ScheduledReport s = kit.reports().create(ALICE, request.build());
        kit.advanceTo(s.nextRunAt());
        kit.advance(Duration.ofDays(1));
        return s;
    }

    @Test
    void threeRefusalsInARowMarkTheRecipientBouncedTellTheOwnerOnceAndReactivationSendsAgain() throws Exception {
        try (EmailChannel email = EmailChannel.create(smtp.settings().build());
                ReportsTestKit kit = kit(email)) {
            ScheduledReport s = dailyOrdersRunTwice(kit, BOB, CAROL);
            assertThat(status(kit, s, BOB)).as("two refusals: still active").isEqualTo(RecipientStatus.ACTIVE);
            assertThat(bounceCount(BOB)).isEqualTo(2);
            assertThat(deliveryErrors(BOB))
                    .as("each refusal is recorded on its delivery with the server's answer")
                    .hasSize(2)
                    .allSatisfy(e -> assertThat(e).contains("DATA").contains("550 5.1.1"));

            kit.advance(Duration.ofDays(1));
            assertThat(status(kit, s, BOB)).isEqualTo(RecipientStatus.BOUNCED);
            kit.advance(Duration.ofMinutes(5)); // the owner's message is its own task
            List<String> notices = bounceNotices();
            assertThat(notices).as("the owner is told once").hasSize(1);
            assertThat(notices.get(0))
                    .contains("Recipient bounced")
                    .contains(BOB)
                    .contains("550 5.1.1");

            kit.advance(Duration.ofDays(2));
            assertThat(smtp.rcptAttempts(BOB))
                    .as("a bounced recipient is skipped")
                    .isEqualTo(3);
            assertThat(smtp.messagesTo(CAROL)).as("the other recipient goes on").hasSize(5);
            assertThat(bounceNotices()).as("still told only once").hasSize(1);
            assertThat(auditActions()).containsOnlyOnce("RECIPIENT_BOUNCED");

            smtp.acceptRecipient(BOB);
            String bobId = recipientId(kit, s, BOB);
            RecipientState back = kit.reports().reactivateRecipient(ALICE, s.id(), bobId, false);
            assertThat(back.status())
                    .as("a bounced recipient needs no consent flag")
                    .isEqualTo(RecipientStatus.ACTIVE);
            assertThat(bounceCount(BOB)).isZero();
            kit.advance(Duration.ofDays(1));
            assertThat(smtp.messagesTo(BOB)).hasSize(1);
        }
    }

    @Test
    void aDeliveryThatGetsThroughStartsTheCountAgain() throws Exception {
        try (EmailChannel email = EmailChannel.create(smtp.settings().build());
                ReportsTestKit kit = kit(email)) {
            ScheduledReport s = dailyOrdersRunTwice(kit, BOB);
            assertThat(bounceCount(BOB)).isEqualTo(2);
            smtp.acceptRecipient(BOB);
            kit.advance(Duration.ofDays(1));
            assertThat(bounceCount(BOB)).isZero();
            smtp.refuseRecipient(BOB, "550 5.1.1 user unknown");
            kit.advance(Duration.ofDays(2));
            assertThat(status(kit, s, BOB))
                    .as("2 refusals, a success, 2 refusals: never 3 in a row")
                    .isEqualTo(RecipientStatus.ACTIVE);
            assertThat(bounceNotices()).isEmpty();
        }
    }

    @Test
    void eachRecipientOfAReportStartsItsCountAgainWhenReached() throws Exception {
        // the first delivery of a run is sent by the worker that generated it, the other by a delivery task of its
        // own: each reads its recipient's count in its own way, and each must reset it
        smtp.refuseRecipient(CAROL, "550 5.1.1 <" + CAROL + ">: Recipient address rejected: User unknown");
        try (EmailChannel email = EmailChannel.create(smtp.settings().build());
                ReportsTestKit kit = kit(email)) {
            ScheduledReport s = dailyOrdersRunTwice(kit, BOB, CAROL);
            assertThat(bounceCount(BOB)).isEqualTo(2);
            assertThat(bounceCount(CAROL)).isEqualTo(2);
            smtp.acceptRecipient(BOB);
            smtp.acceptRecipient(CAROL);
            kit.advance(Duration.ofDays(1));
            assertThat(smtp.messagesTo(BOB)).hasSize(1);
            assertThat(smtp.messagesTo(CAROL)).hasSize(1);
            assertThat(bounceCount(BOB)).isZero();
            assertThat(bounceCount(CAROL)).isZero();
            assertThat(kit.reports()
                            .executions(ALICE, s.id(), null)
                            .items()
                            .get(0)
                            .status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
        }
    }

    /** The owner's messages about bounces (the owner also gets a failure notification per failed run). */
    private List<String> bounceNotices() {
        return smtp.messagesTo(OWNER).stream()
                .filter(m -> m.contains("Subject: Recipient bounced"))
                .toList();
    }

    private static RecipientStatus status(ReportsTestKit kit, ScheduledReport s, String address) {
        return kit.reports().recipientStates(ALICE, s.id()).stream()
                .filter(r -> r.destination().equals(address))
                .findFirst()
                .orElseThrow()
                .status();
    }

    private static String recipientId(ReportsTestKit kit, ScheduledReport s, String address) {
        return kit.reports().recipientStates(ALICE, s.id()).stream()
                .filter(r -> r.destination().equals(address))
                .findFirst()
                .orElseThrow()
                .recipientId();
    }

    private int bounceCount(String address) throws Exception {
        return Integer.parseInt(
                one("SELECT bounce_count FROM " + db.tables().recipients() + " WHERE destination = '" + address + "'"));
    }

    private List<String> deliveryErrors(String address) throws Exception {
        return column("SELECT error_category, last_error FROM " + db.tables().deliveries() + " WHERE destination = '"
                + address + "' ORDER BY created_at");
    }

    private List<String> auditActions() throws Exception {
        return column("SELECT action FROM " + db.tables().auditEvents());
    }

    private String one(String sql) throws Exception {
        return column(sql).get(0);
    }

    private List<String> column(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new java.util.ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder(rs.getString(1));
                for (int i = 2; i <= n; i++) {
                    row.append(' ').append(rs.getString(i));
                }
                out.add(row.toString());
            }
            return out;
        }
    }
}
