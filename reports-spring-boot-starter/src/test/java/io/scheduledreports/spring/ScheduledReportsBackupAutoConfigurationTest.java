package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.backup.BackupArchive;
import io.scheduledreports.core.backup.BackupSettings;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code scheduled-reports.backup.*}: key, daily task and retention applied to the engine; bad values named. */
class ScheduledReportsBackupAutoConfigurationTest {

    static final String KEY = "q0k4H3bJ5yM2m1c8p6t9w7x2z4v1b3n5m7k9j1h3g5f=";

    @TempDir
    Path artifacts;

    private ApplicationContextRunner runner() {
        return AutoConfigurationRunners.withFeature(ScheduledReportsBackupAutoConfiguration.class, artifacts);
    }

    @Test
    void aKeyEnablesBackupNowAndEnabledAddsTheDailyTask() {
        runner().withPropertyValues(
                        "scheduled-reports.backup.key=" + KEY,
                        "scheduled-reports.backup.enabled=true",
                        "scheduled-reports.backup.time=04:15")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ScheduledReports reports = context.getBean(ScheduledReports.class);
                    BackupArchive archive = reports.admin().backupNow();
                    assertThat(archive.status()).isEqualTo(BackupArchive.Status.VERIFIED);
                    assertThat(Files.exists(artifacts.resolve(archive.archiveKey())))
                            .isTrue();
                    assertThat(Files.readString(
                                    artifacts.resolve(archive.archiveKey()),
                                    java.nio.charset.StandardCharsets.ISO_8859_1))
                            .doesNotContain(KEY)
                            .doesNotContain("scheduled_reports");
                    javax.sql.DataSource ds = context.getBean(javax.sql.DataSource.class);
                    try (var c = ds.getConnection();
                            var rs = c.createStatement()
                                    .executeQuery("SELECT execution_time FROM report_scheduled_tasks"
                                            + " WHERE task_name = 'report-backup'")) {
                        assertThat(rs.next()).as("daily backup task").isTrue();
                        assertThat(rs.getObject(1, java.time.OffsetDateTime.class)
                                        .toLocalTime()
                                        .withNano(0))
                                .isEqualTo(LocalTime.of(4, 15));
                    }
                });
    }

    @Test
    void withoutAKeyBackupsAreOffAndEnabledWithoutAKeyRefusesToStart() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ScheduledReports.class).admin().backups(10))
                    .isEmpty();
        });
        runner().withPropertyValues("scheduled-reports.backup.enabled=true")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("scheduled-reports.backup.key"));
    }

    @Test
    void aMalformedKeyOrRetentionIsNamedWithoutShowingTheKey() {
        String shortKey = "c2hvcnQta2V5LW9mLTE2Yg==";
        runner().withPropertyValues("scheduled-reports.backup.key=" + shortKey)
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("scheduled-reports.backup.key")
                        .hasMessageContaining("32 random bytes")
                        .hasMessageNotContaining(shortKey));
        runner().withPropertyValues("scheduled-reports.backup.key=" + KEY, "scheduled-reports.backup.retention=1h")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("scheduled-reports.backup.retention"));
    }

    @Test
    void documentedDefaultsAreTheLibraryDefaults() throws Exception {
        ScheduledReportsBackupProperties p = new ScheduledReportsBackupProperties();
        assertThat(p.isEnabled()).isFalse();
        assertThat(p.getTime()).isEqualTo(BackupSettings.DEFAULT_TIME);
        assertThat(p.getRetention()).isEqualTo(BackupSettings.DEFAULT_RETENTION);
        Map<String, JsonNode> defaults = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            JsonMapper.builder().build().readTree(in).get("properties").forEach(prop -> {
                if (prop.has("defaultValue")) {
                    defaults.put(prop.get("name").asString(), prop.get("defaultValue"));
                }
            });
        }
        assertThat(DurationStyle.detectAndParse(
                        defaults.get("scheduled-reports.backup.retention").asString()))
                .isEqualTo(BackupSettings.DEFAULT_RETENTION);
        assertThat(LocalTime.parse(defaults.get("scheduled-reports.backup.time").asString()))
                .isEqualTo(BackupSettings.DEFAULT_TIME);
        assertThat(defaults.get("scheduled-reports.backup.enabled").asBoolean()).isFalse();
        assertThat(Duration.ofDays(30)).isEqualTo(BackupSettings.DEFAULT_RETENTION);
    }
}
