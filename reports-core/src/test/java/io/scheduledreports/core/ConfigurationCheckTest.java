package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.ConfigurationReport.Status;
import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.core.links.DownloadLinkConfig;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ConnectionCheck;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsValidationException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code checkConfiguration()} against real databases and a real directory: each check passes on a sound set-up
 * and fails, naming what to change, when its part is broken; the meters' counts (schedules by status, delivery
 * success per channel) come from the same database.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ConfigurationCheckTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final String DAILY = "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}";

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    EngineFixture f;
    ScheduledReports reports;
    ReportsTestKit kit;

    @AfterEach
    void stop() throws Exception {
        if (reports != null) {
            reports.close();
        }
        if (kit != null) {
            kit.close();
        }
        if (f != null) {
            f.close();
        }
    }

    /** A channel whose own check answers what the test says. */
    static final class CheckedChannel implements io.scheduledreports.spi.DeliveryChannel {
        final String id;
        volatile ConnectionCheck outcome;
        volatile RuntimeException failure;

        CheckedChannel(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void validateRecipient(io.scheduledreports.spi.Recipient recipient) {}

        @Override
        public io.scheduledreports.spi.DeliveryResult deliver(io.scheduledreports.spi.Delivery delivery) {
            throw new UnsupportedOperationException("checks only");
        }

        @Override
        public ConnectionCheck checkConfiguration() {
            if (failure != null) {
                throw failure;
            }
            return outcome;
        }
    }

    @Test
    void aSoundSetUpPassesEveryCheckAndNamesWhatItSaw() {
        f = new EngineFixture(database, artifacts);
        CheckedChannel smtp = new CheckedChannel("mail");
        smtp.outcome = ConnectionCheck.ok("server accepted", Map.of("server", "smtp.example.com:587"));
        reports = f.builder()
                .channel(smtp)
                .downloadLinks(
                        DownloadLinkConfig.builder().key("k1", KEY).build(),
                        URI.create("https://app.example.com/api/v1/report-executions/download"))
                .build();
        reports.start();

        ConfigurationReport report = reports.checkConfiguration();

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.checks())
                .extracting(ConfigurationReport.Check::name)
                .containsExactly("database", "channel.email", "channel.mail", "artifactStore", "signingKeys", "clock");
        assertThat(report.check("database").orElseThrow().details())
                .containsEntry(
                        "schema_version", Integer.toString(io.scheduledreports.jdbc.ReportsSchema.latestVersion()));
        assertThat(report.check("channel.email").orElseThrow().status())
                .as("the recording channel has no check")
                .isEqualTo(Status.SKIPPED);
        assertThat(report.check("channel.mail").orElseThrow())
                .extracting(ConfigurationReport.Check::status, ConfigurationReport.Check::message)
                .containsExactly(Status.OK, "server accepted");
        assertThat(report.check("signingKeys").orElseThrow().details()).containsEntry("key_ids", "k1");
        assertThat(report.check("clock").orElseThrow().status()).isEqualTo(Status.OK);
        assertThat(Long.parseLong(report.check("clock").orElseThrow().details().get("skew_ms")))
                .isLessThan(5_000);
        try (var files = Files.walk(artifacts)) {
            assertThat(files.filter(Files::isRegularFile))
                    .as("the probe file is removed")
                    .isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void brokenPartsFailTheirChecksWithWhatToChange() throws Exception {
        f = new EngineFixture(database, artifacts);
        // a store that worked when built, whose directory for files in progress was replaced by a file since
        Path broken0 = artifacts.resolve("broken");
        var brokenStore = new io.scheduledreports.core.artifact.LocalDirectoryArtifactStore(broken0);
        Files.delete(broken0.resolve(".incoming"));
        Files.writeString(broken0.resolve(".incoming"), "not a directory");
        CheckedChannel smtp = new CheckedChannel("mail");
        smtp.outcome = ConnectionCheck.failed(
                ErrorCategory.CONFIGURATION, "535 authentication failed", Map.of("server", "smtp.example.com:587"));
        CheckedChannel broken = new CheckedChannel("zzz");
        broken.failure = new IllegalStateException("not configured");
        // not started: a fresh schema is not current
        reports = f.builder()
                .channel(smtp)
                .channel(broken)
                .artifactStore(brokenStore)
                .build();

        ConfigurationReport report = reports.checkConfiguration();

        assertThat(report.ok()).isFalse();
        assertThat(report.failures())
                .extracting(ConfigurationReport.Check::name)
                .containsExactly("database", "channel.mail", "channel.zzz", "artifactStore");
        assertThat(report.check("database").orElseThrow().message())
                .startsWith("schema is not current: versions [1, 2, 3")
                .contains("start() applies them");
        assertThat(report.check("channel.mail").orElseThrow().details())
                .containsEntry("category", "CONFIGURATION")
                .containsEntry("server", "smtp.example.com:587");
        assertThat(report.check("channel.zzz").orElseThrow().message())
                .isEqualTo("the channel's check threw IllegalStateException: not configured");
        assertThat(report.check("artifactStore").orElseThrow().message())
                .startsWith("cannot write, read and delete a file:")
                .endsWith("check the directory's permissions or the bucket's credentials");
        assertThat(report.check("signingKeys").orElseThrow().status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void aClockAwayFromTheDatabasesFailsTheSkewCheck() {
        f = new EngineFixture(database, artifacts);
        kit = ReportsTestKit.start(f.builder(), Instant.now().minus(Duration.ofMinutes(3)));

        ConfigurationReport.Check clock =
                kit.reports().checkConfiguration().check("clock").orElseThrow();

        assertThat(clock.status()).isEqualTo(Status.FAILED);
        assertThat(clock.message())
                .contains("differ by 3m")
                .contains("more than 5s")
                .contains("NTP");
        assertThatThrownBy(() -> f.builder().maxClockSkew(Duration.ZERO))
                .isInstanceOfSatisfying(
                        ReportsValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("maxClockSkew"));
    }

    @Test
    void schedulesAreCountedByStatusAndDeliveriesBySuccessPerChannel() {
        f = new EngineFixture(database, artifacts);
        RecordingChannel slack = new RecordingChannel("slack");
        kit = ReportsTestKit.start(f.builder().channel(slack), Instant.parse("2026-03-01T08:00:00Z"));
        ScheduledReports r = kit.reports();
        Actor alice = Actor.of("acme", "alice", Actor.CREATOR);
        ScheduledReport a = r.create(
                alice,
                ScheduleRequest.builder()
                        .name("A")
                        .reportType("sales")
                        .schedule(DAILY)
                        .recipient("email", "ok@acme.test")
                        .recipient("email", "bad@acme.test")
                        .recipient("slack", "sales@acme.test")
                        .build());
        ScheduledReport paused = r.create(
                alice,
                ScheduleRequest.builder()
                        .name("B")
                        .reportType("sales")
                        .schedule(DAILY)
                        .recipient("email", "x@acme.test")
                        .build());
        ScheduledReport deleted = r.create(
                alice,
                ScheduleRequest.builder()
                        .name("C")
                        .reportType("sales")
                        .schedule(DAILY)
                        .recipient("email", "y@acme.test")
                        .build());
        r.pause(alice, paused.id());
        r.delete(alice, deleted.id());
        f.email.fail("bad@acme.test", ErrorCategory.CONFIGURATION); // never retried: FAILED at once

        kit.advanceTo(Instant.parse("2026-03-01T09:01:00Z"));

        assertThat(r.admin().scheduleCounts(null))
                .containsEntry(ScheduleStatus.ACTIVE, 1L)
                .containsEntry(ScheduleStatus.PAUSED, 1L)
                .containsEntry(ScheduleStatus.DELETED, 1L)
                .containsEntry(ScheduleStatus.COMPLETED, 0L);
        assertThat(r.admin().scheduleCounts("globex")).containsEntry(ScheduleStatus.ACTIVE, 0L);
        assertThat(r.admin().deliverySuccessRates(null, Duration.ofHours(24)))
                .containsExactly(Map.entry("email", 0.5), Map.entry("slack", 1.0));
        kit.setTimeWithoutRunning(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(r.admin().deliverySuccessRates(null, Duration.ofHours(24)))
                .as("outside the window")
                .isEmpty();
        assertThat(a.id()).isNotNull();
    }
}
