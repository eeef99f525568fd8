package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.backup.BackupArchive;
import io.scheduledreports.core.backup.BackupSettings;
import io.scheduledreports.core.backup.RestoreResult;
import io.scheduledreports.core.calendar.CalendarDefinition;
import io.scheduledreports.core.fixtures.TableDump;
import io.scheduledreports.jdbc.TableNames;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Trigger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A backup written on one database restores into an empty schema on another (H2 -> PostgreSQL -> MariaDB -> H2):
 * every row of every table arrives unchanged, and the restored engine carries on from the stored {@code
 * next_run_at}: slots executed before the backup are not run again, an unfinished delivery is sent, the next slot
 * runs once.
 */
@ParameterizedClass(name = "{0} -> {1}")
@MethodSource("pairs")
class BackupRoundTripTest {

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of(TestDatabase.H2, TestDatabase.POSTGRESQL),
                Arguments.of(TestDatabase.POSTGRESQL, TestDatabase.MARIADB),
                Arguments.of(TestDatabase.MARIADB, TestDatabase.H2));
    }

    static final Instant T0 = Instant.parse("2026-02-16T08:00:00Z");
    static final String DAILY_9 = "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}";
    static final String KEY = randomKey();

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Parameter(0)
    TestDatabase sourceDb;

    @Parameter(1)
    TestDatabase targetDb;

    @TempDir
    Path artifacts;

    final Actor alice = Actor.of("acme", "alice");
    final Actor admin = Actor.of("acme", "root", Actor.ADMIN);

    @Test
    void restoresEveryRowOnAnotherDatabaseAndResumesWithoutRepeatingExecutedSlots() throws Exception {
        try (EngineFixture source = new EngineFixture(sourceDb, artifacts);
                EngineFixture target = new EngineFixture(targetDb, artifacts)) {
            String scheduleId;
            BackupArchive archive;
            Map<String, List<String>> before;
            try (ReportsTestKit kit = ReportsTestKit.start(source.builder().backup(BackupSettings.withKey(KEY)), T0)) {
                ScheduledReports reports = kit.reports();
                scheduleId = reports.create(
                                alice,
                                ScheduleRequest.builder()
                                        .name("Daily sales")
                                        .reportType("sales")
                                        .schedule(DAILY_9)
                                        .recipient("email", "alice@acme.test")
                                        .recipient("email", "carol@acme.test")
                                        .build())
                        .id();
                String paused = reports.create(
                                alice,
                                ScheduleRequest.builder()
                                        .name("Paused one")
                                        .reportType("sales")
                                        .schedule(DAILY_9)
                                        .recipient("email", "alice@acme.test")
                                        .build())
                        .id();
                reports.pause(alice, paused);
                reports.putHolidayCalendar(
                        admin,
                        "office",
                        CalendarDefinition.rules(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), List.of("12-25")),
                        0L);
                optOut(source, "acme", "*", "email", "dave@acme.test", T0);
                // carol's mailbox fails: the 16th's delivery ends as a dead letter, the 17th's is waiting to retry
                source.email.fail("carol@acme.test", ErrorCategory.NETWORK);
                kit.advanceTo(Instant.parse("2026-02-17T09:02:00Z"));
                assertThat(source.sql.count(source.db.tables().deadLetters())).isEqualTo(1);
                assertThat(source.sql.count(source.db.tables().deliveries(), "status = 'PENDING'"))
                        .isEqualTo(1);

                archive = reports.admin().backupNow();
                before = dump(source);
            }
            assertThat(archive.status()).isEqualTo(BackupArchive.Status.VERIFIED);
            assertThat(archive.rows())
                    .isEqualTo(before.values().stream().mapToLong(List::size).sum());
            assertThat(before.get("report_executions")).hasSize(2);

            try (ReportsTestKit kit = ReportsTestKit.start(target.builder(), Instant.parse("2026-02-17T09:02:00Z"))) {
                RestoreResult result = kit.reports().admin().restoreFromStore(archive.archiveKey(), KEY);

                assertThat(dump(target)).isEqualTo(before);
                assertThat(result.sourceDatabase()).isEqualTo(sourceDb.name());
                assertThat(result.rows()).isEqualTo(archive.rows());
                assertThat(result.timersArmed())
                        .as("the active schedule; not the paused one")
                        .isEqualTo(1);
                assertThat(result.deliveriesQueued())
                        .as("carol's delivery waiting to retry")
                        .isEqualTo(1);

                kit.advanceTo(Instant.parse("2026-02-18T09:30:00Z"));
                List<Execution> runs = kit.reports()
                        .executions(alice, scheduleId, PageRequest.first())
                        .items();
                assertThat(runs)
                        .extracting(Execution::scheduledFor)
                        .containsExactlyInAnyOrder(
                                Instant.parse("2026-02-16T09:00:00Z"),
                                Instant.parse("2026-02-17T09:00:00Z"),
                                Instant.parse("2026-02-18T09:00:00Z"));
                assertThat(runs).extracting(Execution::trigger).containsOnly(Trigger.SCHEDULED);
                assertThat(target.sales.generations)
                        .as("only the 18th is generated after the restore")
                        .hasValue(1);
                assertThat(target.email.receivedBy("alice@acme.test"))
                        .as("alice had the 16th and 17th before the backup; only the 18th now")
                        .hasSize(1);
                assertThat(target.email.receivedBy("carol@acme.test"))
                        .as("carol's pending 17th delivery, then the 18th")
                        .hasSize(2);
                assertThat(kit.reports().get(alice, scheduleId).nextRunAt())
                        .isEqualTo(Instant.parse("2026-02-19T09:00:00Z"));
            }
        }
    }

    static final List<String> TABLES = List.of(
            "scheduled_reports",
            "schedule_recipients",
            "report_executions",
            "report_deliveries",
            "dead_letters",
            "audit_events",
            "holiday_calendars",
            "recipient_opt_outs",
            "tenant_locks",
            "owner_summaries",
            "owner_summary_opt_outs",
            "attempt_failures");

    static Map<String, List<String>> dump(EngineFixture f) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : TABLES) {
            tables.put(table, TableDump.rows(f.db.dataSource(), f.db.tables().prefix() + table));
        }
        return tables;
    }

    static void optOut(EngineFixture f, String tenant, String scope, String channel, String destination, Instant at)
            throws Exception {
        TableNames t = f.db.tables();
        try (Connection c = f.db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.prefix()
                        + "recipient_opt_outs (tenant_id, scope, channel, destination, created_at)"
                        + " VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, tenant);
            ps.setString(2, scope);
            ps.setString(3, channel);
            ps.setString(4, destination);
            if (f.db.database() == TestDatabase.MARIADB) {
                ps.setObject(5, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
            } else {
                ps.setObject(5, at.atOffset(ZoneOffset.UTC));
            }
            ps.executeUpdate();
        }
    }
}
