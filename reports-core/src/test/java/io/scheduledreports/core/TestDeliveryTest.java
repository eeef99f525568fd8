package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ConnectionCheck;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spi.ReportsValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Test deliveries and channel checks: marked, synchronous, audited, limited per user, tenant-scoped. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class TestDeliveryTest {
    static final Instant T0 = Instant.parse("2026-02-10T18:30:00Z");

    final Actor alice = Actor.of("acme", "alice");
    final Actor bob = Actor.of("acme", "bob");
    final Actor admin = Actor.of("acme", "root", Actor.ADMIN);
    final Actor mallory = Actor.of("evil", "mallory", Actor.ADMIN);

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    EngineFixture f;
    ReportsTestKit kit;
    ScheduledReports reports;
    ScheduledReport schedule;

    @BeforeEach
    void start() {
        f = new EngineFixture(database, artifacts);
        kit = ReportsTestKit.start(f.builder(), T0);
        reports = kit.reports();
        schedule = reports.create(
                alice,
                ScheduleRequest.builder()
                        .name("Daily sales")
                        .reportType("sales")
                        .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                        .recipient("email", "alice@acme.test")
                        .recipient("email", "ops@acme.test")
                        .build());
    }

    @AfterEach
    void stop() throws Exception {
        kit.close();
        f.close();
    }

    private Recipient recipient(String destination) {
        return schedule.recipients().stream()
                .filter(r -> r.destination().equals(destination))
                .findFirst()
                .orElseThrow();
    }

    private long audits(String action) {
        return f.sql.count(f.db.tables().auditEvents(), "action = '" + action + "'");
    }

    @Test
    void beforeAnyRunATestSendsAMarkedPlaceholderAndIsAudited() {
        TestDeliveryOutcome outcome = reports.testDelivery(
                alice, schedule.id(), recipient("ops@acme.test").id());

        assertThat(outcome.sent()).as("outcome %s", outcome).isTrue();
        assertThat(outcome.fileName()).isNull();
        assertThat(outcome.destination()).isEqualTo("ops@acme.test");
        assertThat(f.email.received()).singleElement().satisfies(r -> {
            assertThat(r.destination()).isEqualTo("ops@acme.test");
            assertThat(r.variables())
                    .containsEntry("report_name", "[TEST] Daily sales")
                    .containsEntry("test", "true");
            assertThat(new String(r.content(), StandardCharsets.UTF_8)).contains("has not been generated yet");
            assertThat(r.idempotencyKey()).startsWith("test-");
        });
        assertThat(audits("TEST_DELIVERY")).isEqualTo(1);
        assertThat(f.sql.count(f.db.tables().deliveries()))
                .as("no delivery rows")
                .isZero();
    }

    @Test
    void afterARunATestCarriesTheLastFileAndChangesNoExecution() {
        Execution run = reports.runNow(alice, schedule.id());
        kit.runDue();
        byte[] delivered = f.email.receivedBy("ops@acme.test").get(0).content();
        long deliveries = f.sql.count(f.db.tables().deliveries());

        TestDeliveryOutcome outcome = reports.testDelivery(
                admin, schedule.id(), recipient("ops@acme.test").id());

        assertThat(outcome.sent()).isTrue();
        assertThat(outcome.fileName())
                .isEqualTo(reports.execution(alice, run.id()).artifact().fileName());
        assertThat(f.email.receivedBy("ops@acme.test")).hasSize(2);
        assertThat(f.email.receivedBy("ops@acme.test").get(1).content()).isEqualTo(delivered);
        assertThat(f.sql.count(f.db.tables().deliveries())).isEqualTo(deliveries);
    }

    @Test
    void aFailingChannelAnswersTheCategoryAndMessage() {
        f.email.fail("ops@acme.test", ErrorCategory.CONFIGURATION);

        TestDeliveryOutcome outcome = reports.testDelivery(
                alice, schedule.id(), recipient("ops@acme.test").id());

        assertThat(outcome.sent()).isFalse();
        assertThat(outcome.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(outcome.message()).contains("simulated CONFIGURATION failure for ops@acme.test");
        assertThat(f.sql.count(f.db.tables().deadLetters()))
                .as("a test failure is no dead letter")
                .isZero();
    }

    @Test
    void aUserGetsFiveTestsAMinute() {
        String id = recipient("ops@acme.test").id();
        for (int i = 0; i < 5; i++) {
            reports.testDelivery(alice, schedule.id(), id);
            kit.advance(Duration.ofSeconds(1));
        }

        assertThatThrownBy(() -> reports.testDelivery(alice, schedule.id(), id))
                .isInstanceOfSatisfying(
                        ReportsRateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(55)));
        assertThat(reports.testDelivery(admin, schedule.id(), id).sent())
                .as("another user")
                .isTrue();
        kit.advance(Duration.ofSeconds(55));
        assertThat(reports.testDelivery(alice, schedule.id(), id).sent()).isTrue();
        assertThat(f.email.received()).hasSize(7);
    }

    @Test
    void onlyTheOwnerOrAnAdminOfTheTenantMayTest() {
        String id = recipient("ops@acme.test").id();
        assertThatThrownBy(() -> reports.testDelivery(bob, schedule.id(), id))
                .as("another user of the tenant does not see the schedule (OWNER visibility)")
                .isInstanceOf(ReportsNotFoundException.class);
        assertThatThrownBy(() -> reports.testDelivery(mallory, schedule.id(), id))
                .isInstanceOf(ReportsNotFoundException.class);
        assertThatThrownBy(() -> reports.testDelivery(alice, schedule.id(), "nope"))
                .hasMessage("recipient 'nope' not found");
        assertThatThrownBy(() -> reports.testDelivery(alice, schedule.id(), " "))
                .hasMessage("recipient_id: is required");
        assertThat(f.email.received()).isEmpty();
    }

    @Test
    void channelChecksAreForAdminsValidateTheDestinationAndAreAudited() {
        assertThatThrownBy(() -> reports.checkChannel(alice, "email", "ops@acme.test"))
                .isInstanceOf(ReportsAccessDeniedException.class);
        assertThatThrownBy(() -> reports.checkChannel(admin, "fax", "x")).hasMessage("channel 'fax' not found");
        assertThatThrownBy(() -> reports.checkChannel(admin, "email", "not an address"))
                .isInstanceOfSatisfying(
                        ReportsValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("destination"))
                .hasMessage("destination: must be name@host, was 'not an address'");

        ConnectionCheck check = reports.checkChannel(admin, "email", "ops@acme.test");

        assertThat(check.status()).isEqualTo(ConnectionCheck.Status.UNSUPPORTED);
        assertThat(audits("CHANNEL_CHECK")).isEqualTo(1);
    }
}
