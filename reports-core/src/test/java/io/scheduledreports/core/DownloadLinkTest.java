package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.links.DownloadLinkConfig;
import io.scheduledreports.core.links.InvalidDownloadTokenException;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadLinkTest {

    @TempDir
    Path artifacts;

    @Test
    void channelsGetASignedLinkThatOpensTheArtifactUntilItExpires() throws Exception {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (EngineFixture f = new EngineFixture(TestDatabase.H2, artifacts);
                ReportsTestKit kit = ReportsTestKit.start(
                        f.builder()
                                .downloadLinks(
                                        DownloadLinkConfig.builder()
                                                .key("k1", key)
                                                .validity(Duration.ofDays(2))
                                                .build(),
                                        URI.create("https://app.example.com/api/v1/report-executions/download")),
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

            String url = f.email.received().get(0).variables().get("download_url");
            assertThat(url).startsWith("https://app.example.com/api/v1/report-executions/download?token=");
            String token = url.substring(url.indexOf("token=") + 6);
            byte[] direct;
            String executionId = f.email.received().get(0).executionId();
            try (ArtifactDownload d = kit.reports().openArtifact(alice, executionId);
                    InputStream in = d.stream()) {
                direct = in.readAllBytes();
            }
            try (ArtifactDownload d = kit.reports().openDownload(token);
                    InputStream in = d.stream()) {
                assertThat(in.readAllBytes()).isEqualTo(direct);
            }
            String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
            assertThatThrownBy(() -> kit.reports().openDownload(tampered))
                    .isInstanceOf(InvalidDownloadTokenException.class);

            kit.advance(Duration.ofDays(3));
            assertThatThrownBy(() -> kit.reports().openDownload(token))
                    .isInstanceOfSatisfying(
                            InvalidDownloadTokenException.class,
                            e -> assertThat(e.reason()).isEqualTo(InvalidDownloadTokenException.Reason.EXPIRED));
        }
    }
}
