package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportAuthorizer;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The host's authorizer is asked again when a run starts, as the schedule's owner: a user who lost access (or
 * left) no longer gets reports. The run fails with PERMISSION, the schedule is paused with the reason, and the owner
 * and operations are told. Admins pause all schedules of a leaving user at once.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class RunTimeAuthorizationTest {

    static final Instant T0 = Instant.parse("2026-02-10T18:30:00Z");
    static final String DAILY_9 = "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}";

    final Actor bob = Actor.of("acme", "bob", Actor.CREATOR);
    final Actor alice = Actor.of("acme", "alice", Actor.CREATOR);
    final Actor admin = Actor.of("acme", "root", Actor.ADMIN);

    /** Users the host has revoked; the authorizer refuses them. */
    final Set<String> revoked = ConcurrentHashMap.newKeySet();
    /** Every actor the authorizer was asked about. */
    final List<Actor> asked = new CopyOnWriteArrayList<>();

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    EngineFixture f;
    ReportsTestKit kit;
    ScheduledReports reports;

    @BeforeEach
    void start() {
        f = new EngineFixture(database, artifacts);
        ReportAuthorizer authorizer = (actor, type, params, recipients) -> {
            asked.add(actor);
            if (revoked.contains(actor.userId())) {
                throw new ReportsAccessDeniedException("user '" + actor.userId() + "' has left acme");
            }
        };
        kit = ReportsTestKit.start(
                f.builder()
                        .authorizer(authorizer)
                        .failureNotifications(new FailureNotifications(
                                "email",
                                (tenant, owner) -> Optional.of(owner + "@" + tenant + ".test"),
                                List.of("ops@acme.test"),
                                Map.of("subject", "failed"))),
                T0);
        reports = kit.reports();
    }

    @AfterEach
    void stop() throws Exception {
        if (kit != null) {
            kit.close();
        }
        if (f != null) {
            f.close(); // null when the database was unreachable and the test skipped
        }
    }

    ScheduledReport schedule(Actor owner, String name) {
        return reports.create(
                owner,
                ScheduleRequest.builder()
                        .name(name)
                        .reportType("sales")
                        .schedule(DAILY_9)
                        .recipient("email", "team@acme.test")
                        .build());
    }

    @Test
    void aScheduledRunOfAnOwnerTheHostNowRefusesFailsWithPermissionPausesTheScheduleAndTellsOwnerAndOps() {
        ScheduledReport s = schedule(bob, "Daily sales");
        revoked.add("bob");
        kit.advanceTo(s.nextRunAt().plus(Duration.ofMinutes(1)));

        Execution run =
                reports.executions(admin, s.id(), PageRequest.first()).items().get(0);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.errorCategory()).isEqualTo(ErrorCategory.PERMISSION);
        assertThat(run.errorMessage()).contains("refused owner 'bob'").contains("has left acme");
        assertThat(run.attempt()).as("never retried").isEqualTo(1);
        assertThat(f.sales.generations).as("no data was read").hasValue(0);
        assertThat(f.email.received())
                .extracting(RecordingChannel.Received::destination)
                .as("no report sent, the owner and operations told")
                .containsExactlyInAnyOrder("bob@acme.test", "ops@acme.test");
        assertThat(new String(f.email.received().get(0).content(), StandardCharsets.UTF_8))
                .contains("The schedule was paused")
                .contains("has left acme");

        ScheduledReport paused = reports.get(admin, s.id());
        assertThat(paused.status()).isEqualTo(ScheduleStatus.PAUSED);
        assertThat(paused.nextRunAt()).isNull();
        assertThat(paused.pausedReason()).contains("refused owner 'bob'").contains("has left acme");
        assertThat(f.sql.strings("SELECT action FROM " + f.db.tables().auditEvents()
                        + " WHERE actor = 'system' AND entity_id = '" + s.id() + "'"))
                .containsExactly("PAUSE");
        assertThat(asked.get(asked.size() - 1))
                .as("asked as the owner, with no roles (the library does not know them at run time)")
                .isEqualTo(new Actor("acme", "bob", Set.of()));

        kit.advance(Duration.ofDays(2));
        assertThat(reports.executions(admin, s.id(), PageRequest.first()).total())
                .as("a paused schedule does not fire again")
                .isEqualTo(1);

        revoked.clear();
        ScheduledReport resumed = reports.resume(bob, s.id());
        assertThat(resumed.pausedReason()).as("resume clears the reason").isNull();
    }

    @Test
    void aManualRunIsAskedAgainWhenItStarts() {
        ScheduledReport s = schedule(bob, "Daily sales");
        Execution requested = reports.runNow(bob, s.id()); // allowed when asked
        revoked.add("bob"); // revoked before the worker picks it up
        kit.runDue();

        Execution run = reports.execution(admin, requested.id());
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.errorCategory()).isEqualTo(ErrorCategory.PERMISSION);
        assertThat(reports.get(admin, s.id()).status()).isEqualTo(ScheduleStatus.PAUSED);
        assertThat(f.sales.generations).hasValue(0);
    }

    @Test
    void anAuthorizerThatFailsOtherwiseIsAnOrdinaryRetriedFailureAndPausesNothing() {
        ScheduledReport s = schedule(bob, "Daily sales");
        kit.close();
        ReportAuthorizer broken = (actor, type, params, recipients) -> {
            if (actor.roles().isEmpty()) {
                throw new IllegalStateException("directory unreachable");
            }
        };
        kit = ReportsTestKit.start(f.builder().authorizer(broken), kit.now());
        reports = kit.reports();
        kit.advanceTo(s.nextRunAt().plus(Duration.ofMinutes(1)));

        Execution run =
                reports.executions(admin, s.id(), PageRequest.first()).items().get(0);
        assertThat(run.status()).isEqualTo(ExecutionStatus.RETRYING);
        assertThat(run.errorCategory()).isEqualTo(ErrorCategory.UNKNOWN);
        assertThat(reports.get(admin, s.id()).status()).isEqualTo(ScheduleStatus.ACTIVE);
    }

    @Test
    void anAdminPausesEveryActiveScheduleOfALeavingOwnerWithTheReasonAndAnAuditEach() {
        ScheduledReport b1 = schedule(bob, "One");
        ScheduledReport b2 = schedule(bob, "Two");
        ScheduledReport b3 = schedule(bob, "Three");
        reports.pause(bob, b3.id());
        ScheduledReport a1 = schedule(alice, "Alice's");
        ScheduledReport other = reports.create(
                Actor.of("globex", "bob", Actor.CREATOR),
                ScheduleRequest.builder()
                        .name("Other tenant's bob")
                        .reportType("sales")
                        .schedule(DAILY_9)
                        .recipient("email", "bob@globex.test")
                        .build());

        assertThatThrownBy(() -> reports.pauseAllOwnedBy(alice, "bob"))
                .isInstanceOf(ReportsAccessDeniedException.class);
        assertThatThrownBy(() -> reports.pauseAllOwnedBy(admin, " bob"))
                .isInstanceOf(io.scheduledreports.spi.ReportsValidationException.class)
                .hasMessageContaining("user_id");

        assertThat(reports.pauseAllOwnedBy(admin, "bob")).isEqualTo(2);

        for (ScheduledReport s : List.of(b1, b2)) {
            ScheduledReport now = reports.get(admin, s.id());
            assertThat(now.status()).isEqualTo(ScheduleStatus.PAUSED);
            assertThat(now.pausedReason()).isEqualTo("all schedules of owner 'bob' were paused by admin 'root'");
        }
        assertThat(reports.get(admin, b3.id()).pausedReason())
                .as("paused by hand before: no reason")
                .isNull();
        assertThat(reports.get(admin, a1.id()).status()).isEqualTo(ScheduleStatus.ACTIVE);
        assertThat(reports.get(Actor.of("globex", "root", Actor.ADMIN), other.id())
                        .status())
                .as("another tenant's user of the same id is untouched")
                .isEqualTo(ScheduleStatus.ACTIVE);
        assertThat(f.sql.strings("SELECT action FROM " + f.db.tables().auditEvents()
                        + " WHERE actor = 'root' ORDER BY occurred_at, action"))
                .containsExactly("PAUSE", "PAUSE", "PAUSE_ALL_OWNED_BY");

        kit.advance(Duration.ofDays(1));
        assertThat(reports.executions(admin, b1.id(), PageRequest.first()).total())
                .isZero();
        assertThat(reports.pauseAllOwnedBy(admin, "bob"))
                .as("nothing left to pause")
                .isZero();
    }
}
