package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.artifact.LocalDirectoryArtifactStore;
import io.scheduledreports.core.backup.BackupArchive;
import io.scheduledreports.core.backup.BackupException;
import io.scheduledreports.core.backup.BackupException.Reason;
import io.scheduledreports.core.backup.BackupSettings;
import io.scheduledreports.core.internal.ArchiveSurgery;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ArtifactOutput;
import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spi.ReportsListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Restore refuses what it must (wrong key, altered or cut archive, non-empty target) and leaves nothing written;
 * a backup that cannot be verified is recorded as failed and alerted; the daily task runs once per day per cluster
 * and retention keeps the newest verified archive whatever its age.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class BackupSafetyTest {

    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    static final String KEY = BackupRoundTripTest.randomKey();
    static final String OTHER_KEY = BackupRoundTripTest.randomKey();

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    final Actor alice = Actor.of("acme", "alice");
    final List<String> failures = new CopyOnWriteArrayList<>();

    /** A real local store whose reads can be made to return altered bytes, and whose writes can fail. */
    static final class FlakyStore implements ArtifactStore {
        final LocalDirectoryArtifactStore local;
        volatile boolean alterReads;
        volatile boolean failWrites;

        FlakyStore(Path root) {
            local = new LocalDirectoryArtifactStore(root);
        }

        @Override
        public ArtifactOutput create(String key) throws IOException {
            if (failWrites) {
                throw new IOException("disk full (simulated)");
            }
            return local.create(key);
        }

        @Override
        public InputStream open(String key) throws IOException {
            if (!alterReads) {
                return local.open(key);
            }
            byte[] bytes;
            try (InputStream in = local.open(key)) {
                bytes = in.readAllBytes();
            }
            bytes[bytes.length / 2] ^= 0x20;
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public boolean delete(String key) throws IOException {
            return local.delete(key);
        }

        @Override
        public boolean exists(String key) throws IOException {
            return local.exists(key);
        }
    }

    /** The engine's own task rows (its recurring tasks are there from the start). */
    static final class TableDumpTasks {
        static List<String> of(EngineFixture f) {
            return f.sql.strings("SELECT CONCAT(task_name, ':', task_instance) FROM "
                    + f.db.tables().tasks()
                    + " WHERE task_name NOT IN ('report-maintenance', 'report-retention') ORDER BY 1");
        }
    }

    EngineFixture source;
    EngineFixture target;
    FlakyStore store;

    @BeforeEach
    void open() {
        source = new EngineFixture(database, artifacts);
        target = new EngineFixture(database, artifacts);
        store = new FlakyStore(artifacts);
    }

    @AfterEach
    void close() throws Exception {
        source.close();
        target.close();
    }

    ScheduledReports.Builder builder(EngineFixture f, BackupSettings settings) {
        ScheduledReports.Builder b = f.builder().artifactStore(store).listener(new ReportsListener() {
            @Override
            public void backupFailed(String archiveKey, String message) {
                failures.add(archiveKey + ": " + message);
            }
        });
        return settings == null ? b : b.backup(settings);
    }

    /** A source with two schedules and one run, backed up; returns the archive's bytes. */
    byte[] sourceArchive() throws IOException {
        try (ReportsTestKit kit = ReportsTestKit.start(builder(source, BackupSettings.withKey(KEY)), T0)) {
            for (String name : List.of("One", "Two")) {
                kit.reports()
                        .create(
                                alice,
                                ScheduleRequest.builder()
                                        .name(name)
                                        .reportType("sales")
                                        .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                                        .recipient("email", "alice@acme.test")
                                        .build());
            }
            kit.advance(Duration.ofHours(2));
            BackupArchive archive = kit.reports().admin().backupNow();
            try (InputStream in = store.open(archive.archiveKey())) {
                return in.readAllBytes();
            }
        }
    }

    void assertRefused(byte[] archive, String key, Reason reason, String message) {
        try (ReportsTestKit kit = ReportsTestKit.start(builder(target, null), T0)) {
            Map<String, List<String>> before = BackupRoundTripTest.dump(target);
            List<String> tasksBefore = TableDumpTasks.of(target);
            assertThatThrownBy(() -> kit.reports().admin().restore(new ByteArrayInputStream(archive), key))
                    .isInstanceOfSatisfying(
                            BackupException.class,
                            e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason))
                    .hasMessageContaining(message);
            assertThat(BackupRoundTripTest.dump(target)).as("nothing written").isEqualTo(before);
            assertThat(TableDumpTasks.of(target)).as("no task queued").isEqualTo(tasksBefore);
        }
    }

    @Test
    void refusesAWrongKeyWithoutWritingAnything() throws IOException {
        assertRefused(sourceArchive(), OTHER_KEY, Reason.WRONG_KEY, "key: does not open this archive");
    }

    @Test
    void refusesATamperedArchiveWithoutWritingAnything() throws IOException {
        byte[] archive = sourceArchive();
        archive[archive.length - 20] ^= 0x01;
        assertRefused(archive, KEY, Reason.DAMAGED, "fails authentication");
        assertRefused(java.util.Arrays.copyOf(archive, archive.length / 2), KEY, Reason.DAMAGED, "truncated");
    }

    @Test
    void rollsBackEveryTableWhenTheContentTurnsOutIncompleteAfterRowsWereInserted() throws IOException {
        byte[] archive = sourceArchive();
        // authentic encryption, but the end marker is missing: found only after every row was inserted
        byte[] cut = ArchiveSurgery.rewrite(
                archive, Base64.getDecoder().decode(KEY), plain -> plain.substring(0, plain.lastIndexOf('{')));
        assertRefused(cut, KEY, Reason.DAMAGED, "ends before its end marker");
    }

    @Test
    void refusesANonEmptyTargetNamingTheTables() throws IOException {
        byte[] archive = sourceArchive();
        try (ReportsTestKit kit = ReportsTestKit.start(builder(target, null), T0)) {
            kit.reports()
                    .create(
                            alice,
                            ScheduleRequest.builder()
                                    .name("Already here")
                                    .reportType("sales")
                                    .schedule("{\"cadence\":\"daily\",\"time\":\"10:00\",\"timezone\":\"UTC\"}")
                                    .recipient("email", "alice@acme.test")
                                    .build());
        }
        assertRefused(archive, KEY, Reason.TARGET_NOT_EMPTY, target.db.tables().schedules());
    }

    @Test
    void refusesAKeyThatIsNotAKey() throws IOException {
        assertRefused(sourceArchive(), "c2hvcnQ=", Reason.WRONG_KEY, "key: must be 32 random bytes in Base64");
    }

    @Test
    void aBackupWhoseReadBackDiffersIsRecordedAsFailedAlertedAndDeleted() {
        try (ReportsTestKit kit = ReportsTestKit.start(builder(source, BackupSettings.withKey(KEY)), T0)) {
            store.alterReads = true;
            assertThatThrownBy(() -> kit.reports().admin().backupNow())
                    .isInstanceOfSatisfying(
                            BackupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FAILED))
                    .hasMessageContaining("backup failed");
            List<BackupArchive> recorded = kit.reports().admin().backups(10);
            assertThat(recorded).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo(BackupArchive.Status.FAILED);
                assertThat(a.manual()).isTrue();
                assertThat(a.error()).isNotBlank().doesNotContain(KEY);
                assertThat(store.local.exists(a.archiveKey()))
                        .as("failed archive deleted")
                        .isFalse();
            });
            assertThat(failures)
                    .singleElement()
                    .asString()
                    .startsWith(recorded.get(0).archiveKey());

            store.alterReads = false;
            store.failWrites = true;
            assertThatThrownBy(() -> kit.reports().admin().backupNow()).hasMessageContaining("disk full");
            assertThat(failures).hasSize(2);
        }
    }

    @Test
    void backupNowWithoutAKeyTellsHowToConfigureOne() {
        try (ReportsTestKit kit = ReportsTestKit.start(builder(source, null), T0)) {
            assertThatThrownBy(() -> kit.reports().admin().backupNow())
                    .isInstanceOfSatisfying(
                            BackupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_CONFIGURED))
                    .hasMessageContaining("scheduled-reports.backup.key");
        }
    }

    @Test
    void theDailyBackupRunsOncePerDayAcrossInstancesAndRetentionKeepsTheNewestVerified() {
        BackupSettings daily =
                BackupSettings.withKey(KEY).daily(LocalTime.of(2, 30)).retention(Duration.ofDays(3));
        try (ReportsTestKit a = ReportsTestKit.start(builder(source, daily), T0);
                ReportsTestKit b = ReportsTestKit.start(builder(source, daily).artifactStore(store), T0)) {
            assertThat(source.sql.count(source.db.tables().tasks(), "task_name = 'report-backup'"))
                    .as("one daily task row for the cluster")
                    .isEqualTo(1);
            a.advance(Duration.ofDays(6));
            b.advance(Duration.ofDays(6));
            List<BackupArchive> kept = a.reports().admin().backups(100);
            assertThat(kept)
                    .as("six daily backups (Mar 3-8), those started before Mar 5 02:30 deleted")
                    .extracting(BackupArchive::startedAt)
                    .containsExactly(
                            Instant.parse("2026-03-08T02:30:00Z"),
                            Instant.parse("2026-03-07T02:30:00Z"),
                            Instant.parse("2026-03-06T02:30:00Z"),
                            Instant.parse("2026-03-05T02:30:00Z"));
            assertThat(kept).allSatisfy(k -> {
                assertThat(k.status()).isEqualTo(BackupArchive.Status.VERIFIED);
                assertThat(k.manual()).isFalse();
                assertThat(k.sha256()).hasSize(64);
            });
            assertThat(store.local.exists(kept.get(3).archiveKey())).isTrue();

            // from now on every backup fails: the newest verified one outlives the retention
            store.failWrites = true;
            a.advance(Duration.ofDays(5));
            List<BackupArchive> after = a.reports().admin().backups(100);
            assertThat(after)
                    .filteredOn(k -> k.status() == BackupArchive.Status.VERIFIED)
                    .extracting(BackupArchive::startedAt)
                    .containsExactly(Instant.parse("2026-03-08T02:30:00Z"));
            assertThat(store.local.exists(after.stream()
                            .filter(k -> k.status() == BackupArchive.Status.VERIFIED)
                            .findFirst()
                            .orElseThrow()
                            .archiveKey()))
                    .isTrue();
            assertThat(failures).hasSize(5);
        }
    }
}
