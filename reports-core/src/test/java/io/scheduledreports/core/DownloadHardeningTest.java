package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.links.DownloadLinkConfig;
import io.scheduledreports.core.links.DownloadLinks;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A file is served only while it is available, a link never outlives its file, and every download is audited. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class DownloadHardeningTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    static String shown(Instant at) {
        return java.time.format.DateTimeFormatter.ofLocalizedDateTime(
                        java.time.format.FormatStyle.MEDIUM, java.time.format.FormatStyle.SHORT)
                .withLocale(java.util.Locale.ENGLISH)
                .format(at.atZone(java.time.ZoneOffset.UTC));
    }

    @Test
    void theEmailShowsTheLinksExpiryWhenItComesBeforeTheFilesRetention() throws Exception {
        DownloadLinkConfig links = DownloadLinkConfig.builder()
                .key("k1", KEY)
                .validity(Duration.ofHours(2))
                .build();
        try (EngineFixture f = new EngineFixture(database, artifacts);
                ReportsTestKit kit = ReportsTestKit.start(
                        f.builder()
                                .retention(RetentionPolicy.ofDefaults().withArtifactRetention(Duration.ofHours(6)))
                                .downloadLinks(links, URI.create("https://app.example.com/download")),
                        Instant.parse("2026-02-10T18:30:00Z"))) {
            ScheduledReport s = kit.reports()
                    .create(
                            Actor.of("acme", "alice"),
                            ScheduleRequest.builder()
                                    .name("linked")
                                    .reportType("sales")
                                    .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                                    .recipient("email", "alice@acme.test")
                                    .build());
            kit.advanceTo(s.nextRunAt());
            assertThat(f.email.received().get(0).variables().get("download_expires_at"))
                    .as("sent right at the run: the link's 2 hours, not the file's 6")
                    .isEqualTo(shown(s.nextRunAt().plus(Duration.ofHours(2))));
        }
    }

    @Test
    void linksExpireWithTheFileFilesCloseAtAvailableUntilAndDownloadsAreAudited() throws Exception {
        DownloadLinkConfig links = DownloadLinkConfig.builder()
                .key("k1", KEY)
                .validity(Duration.ofDays(7))
                .build();
        try (EngineFixture f = new EngineFixture(database, artifacts);
                ReportsTestKit kit = ReportsTestKit.start(
                        f.builder()
                                .retention(RetentionPolicy.ofDefaults().withArtifactRetention(Duration.ofHours(6)))
                                .downloadLinks(links, URI.create("https://app.example.com/download")),
                        Instant.parse("2026-02-10T18:30:00Z"))) {
            Actor alice = Actor.of("acme", "alice");
            ScheduledReport s = kit.reports()
                    .create(
                            alice,
                            ScheduleRequest.builder()
                                    .name("linked")
                                    .reportType("sales")
                                    .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                                    .recipient("email", "alice@acme.test")
                                    .build());
            kit.advanceTo(s.nextRunAt());
            var mail = f.email.received().get(0);
            Execution run = kit.reports().execution(alice, mail.executionId());
            Instant fileGone = run.availableUntil();
            assertThat(fileGone).isEqualTo(s.nextRunAt().plus(Duration.ofHours(6)));

            String url = mail.variables().get("download_url");
            String token = url.substring(url.indexOf("token=") + 6);
            assertThat(DownloadLinks.create(links)
                            .verify(token, null, kit.now())
                            .expiresAt())
                    .as("the earlier of 7 days of validity and 6 hours of retention")
                    .isEqualTo(fileGone);
            assertThat(mail.variables().get("download_expires_at"))
                    .as("the e-mail shows when the link stops working")
                    .isEqualTo(shown(fileGone));

            kit.reports().openArtifact(alice, run.id()).close();
            kit.reports().openDownload(token).close();
            assertThat(f.sql.strings("SELECT actor FROM " + f.db.tables().auditEvents()
                            + " WHERE action = 'DOWNLOAD' AND entity_id = '" + run.id() + "' ORDER BY occurred_at"))
                    .containsExactlyInAnyOrder("alice", "download-link");

            kit.setTimeWithoutRunning(fileGone); // the retention job has not run yet
            assertThatThrownBy(() -> kit.reports().openArtifact(alice, run.id()))
                    .isInstanceOf(ReportsNotFoundException.class);
            assertThatThrownBy(() -> kit.reports().openDownload(token))
                    .isInstanceOf(io.scheduledreports.core.links.InvalidDownloadTokenException.class);
        }
    }
}
