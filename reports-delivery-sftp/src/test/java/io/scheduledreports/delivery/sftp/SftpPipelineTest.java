package io.scheduledreports.delivery.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.DeadLetterQuery;
import io.scheduledreports.core.DeliveryRecord;
import io.scheduledreports.core.DeliveryStatus;
import io.scheduledreports.core.DiskGuard;
import io.scheduledreports.core.Execution;
import io.scheduledreports.core.ExecutionStatus;
import io.scheduledreports.core.ReportsTestKit;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.formats.CsvFormatter;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportTypes;
import io.scheduledreports.spi.ReportsValidationException;
import io.scheduledreports.spi.SecretResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SFTP channel inside the engine: unknown connections refused when the schedule is saved; a server with an
 * unpinned key fails its recipient once, as CONFIGURATION, straight to a dead letter, while the other recipient
 * gets its file.
 */
class SftpPipelineTest {

    @TempDir
    Path artifacts;

    @TempDir
    Path root;

    @Test
    void aWrongHostKeyIsDeadLetteredAtOnceWhileTheOtherRecipientGetsItsFile() throws Exception {
        Files.createDirectories(root.resolve("outgoing"));
        try (SftpTestServer server = new SftpTestServer(root)) {
            String otherKey =
                    KeyUtils.getFingerPrint(SftpTestServer.newKeyPair().getPublic());
            SftpChannel sftp = SftpChannel.create(SftpSettings.builder()
                    .connection(SftpConnection.withPassword(
                            "finance", "127.0.0.1", server.port(), SftpTestServer.USER, "pw", server.fingerprint()))
                    .connection(SftpConnection.withPassword(
                            "spoofed", "127.0.0.1", server.port(), SftpTestServer.USER, "pw", otherKey))
                    .secrets(SecretResolver.of(Map.of("pw", SftpTestServer.PASSWORD)))
                    .build());
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:sftp-pipeline-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            ScheduledReports.Builder builder = ScheduledReports.builder(h2)
                    .reportType(ReportTypes.fromMaps(
                            "regions",
                            List.of(Column.text("region"), Column.integer("orders")),
                            req -> Stream.of(Map.of("region", "north", "orders", 12L))))
                    .formatter(CsvFormatter.ofDefaults())
                    .channel(sftp)
                    .artifactDirectory(artifacts)
                    .diskGuard(DiskGuard.disabled());
            Actor alice = Actor.of("acme", "alice");
            Actor admin = Actor.of("acme", "root", Actor.ADMIN);
            try (sftp;
                    ReportsTestKit kit = ReportsTestKit.start(builder, Instant.parse("2026-02-10T18:30:00Z"))) {
                ScheduledReports reports = kit.reports();
                assertThatThrownBy(() -> reports.create(
                                alice,
                                request().recipient("sftp", "sftp://payroll/x").build()))
                        .isInstanceOfSatisfying(
                                ReportsValidationException.class,
                                e -> assertThat(e.field())
                                        .startsWith("recipients")
                                        .endsWith("destination"))
                        .hasMessageContaining("unknown SFTP connection 'payroll'");

                ScheduledReport s = reports.create(
                        alice,
                        request()
                                .recipient("sftp", "sftp://finance/outgoing")
                                .recipient("sftp", "sftp://spoofed/outgoing")
                                .build());
                Execution run = reports.runNow(alice, s.id());
                kit.advance(Duration.ofHours(1));

                Execution done = reports.execution(alice, run.id());
                assertThat(done.status()).isEqualTo(ExecutionStatus.PARTIALLY_DELIVERED);
                DeliveryRecord spoofed = done.deliveries().stream()
                        .filter(d -> d.destination().startsWith("sftp://spoofed"))
                        .findFirst()
                        .orElseThrow();
                assertThat(spoofed.status()).isEqualTo(DeliveryStatus.FAILED);
                assertThat(spoofed.attempts()).as("not retried").isEqualTo(1);
                assertThat(spoofed.lastError()).contains("not the pinned " + otherKey);
                assertThat(reports.deadLetters(admin, DeadLetterQuery.unresolved())
                                .items())
                        .singleElement()
                        .satisfies(dl -> assertThat(dl.category()).isEqualTo(ErrorCategory.CONFIGURATION));
                try (Stream<Path> files = Files.list(root.resolve("outgoing"))) {
                    assertThat(files.map(f -> f.getFileName().toString()))
                            .as("the finance recipient's file, named by the execution")
                            .containsExactly(targetName(done));
                }
            }
        }
    }

    private static String targetName(Execution done) {
        String name = done.artifact().fileName();
        int dot = name.indexOf('.');
        return name.substring(0, dot) + "-" + done.id() + name.substring(dot);
    }

    private static ScheduleRequest.Builder request() {
        return ScheduleRequest.builder()
                .name("Orders")
                .reportType("regions")
                .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}");
    }
}
