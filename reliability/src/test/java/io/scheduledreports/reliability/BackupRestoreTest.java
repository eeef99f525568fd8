package io.scheduledreports.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.benchmarks.harness.BenchDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 7, short: {@code pg_dump} of our tables while two engine processes run schedules every 10 s, the files
 * copied after the dump, the site killed, the dump restored into a fresh database and one engine started on it. The
 * assertions are on counts, never on times.
 */
class BackupRestoreTest {

    @Test
    void theRestoredEngineResumesFromNextRunAtWithoutRunningOrSendingTheDumpedWorkAgain() throws Exception {
        Scenario.Context context = ScenarioSupport.shortVariant();
        Map<String, Object> r = new BackupRestoreScenario().run(context);

        assertRestored(context, r);
    }

    /** The checks of the short variant, whatever the store (see {@link BackupRestoreS3Test}). */
    static void assertRestored(Scenario.Context context, Map<String, Object> r) {
        assertThat(r.get("schedules_resumed_from_next_run_at"))
                .as("every schedule's first slot after the restore is its dumped next_run_at: %s", r)
                .isEqualTo((long) BackupRestoreScenario.SHORT_SCHEDULES);
        assertThat(r.get("dumped_slots_run_again")).as("%s", r).isEqualTo(0L);
        assertThat(r.get("slots_run_twice")).as("%s", r).isEqualTo(0L);
        assertThat(r.get("dumped_sent_emails_sent_again"))
                .as("nothing the dump records as sent is sent again: %s", r)
                .isEqualTo(0L);
        assertThat(r.get("dumped_unsent_deliveries_not_sent"))
                .as("what the dump holds as unsent is sent, under its dumped key: %s", r)
                .isEqualTo(0L);
        assertThat((Long) r.get("new_executions"))
                .as("the restored engine fired every slot it owed: %s", r)
                .isEqualTo(r.get("new_slots_owed"))
                .isEqualTo(r.get("new_executions_succeeded"))
                .isPositive();
        assertThat((Long) r.get("artifacts_resolved"))
                .as("the files the restored tables refer to open with their SHA-256: %s", r)
                .isPositive();
        assertThat(r.get("artifacts_unresolved")).as("%s", r).isEqualTo(0L);
        assertThat(r.get("ok")).as("%s", r).isEqualTo(true);
        assertThat(context.db()
                        .count("SELECT COUNT(*) FROM pg_database WHERE datname LIKE 'reports_restore_%'"
                                + " AND datname = '" + r.get("restore_database") + "'"))
                .as("the restore database is dropped at the end")
                .isZero();
    }

    @Test
    void commandsTargetOurTablesAndTheFreshDatabase() {
        BenchDatabase pg = new BenchDatabase("jdbc:postgresql://127.0.0.1:5432/test?ssl=false", "postgres", "");
        assertThat(BackupRestoreScenario.withDatabase(pg.url(), "reports_restore_0123abcd"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/reports_restore_0123abcd?ssl=false");
        assertThat(BackupRestoreScenario.dumpCommand(
                        pg, "rl1234abcd_", java.util.List.of(), java.nio.file.Path.of("d.sql")))
                .contains("pg_dump", "--dbname=test", "--table=rl1234abcd_*", "--no-owner");
        BenchDatabase maria = new BenchDatabase("jdbc:mariadb://127.0.0.1:3306/test", "root", "secret");
        assertThat(BackupRestoreScenario.dumpCommand(
                        maria,
                        "rl1234abcd_",
                        java.util.List.of("rl1234abcd_report_executions"),
                        java.nio.file.Path.of("d.sql")))
                .contains("mariadb-dump", "--single-transaction", "test", "rl1234abcd_report_executions")
                .doesNotContain("--table=rl1234abcd_*");
        assertThat(BackupRestoreScenario.restoreCommand(
                        new BenchDatabase(
                                BackupRestoreScenario.withDatabase(maria.url(), "reports_restore_0123abcd"),
                                "root",
                                ""),
                        java.nio.file.Path.of("d.sql")))
                .contains("mariadb", "reports_restore_0123abcd", "--execute=source d.sql");
    }

    @Test
    void refusesToCreateOrDropAnyOtherDatabase() {
        BenchDatabase pg = new BenchDatabase("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BackupRestoreScenario.dropDatabase(pg, "test", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing");
    }
}
