package io.scheduledreports.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.core.ArtifactDownload;
import io.scheduledreports.core.DeliveryRecord;
import io.scheduledreports.core.DeliveryStatus;
import io.scheduledreports.core.Execution;
import io.scheduledreports.core.PageRequest;
import io.scheduledreports.core.ReportsTestKit;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.artifact.LocalDirectoryArtifactStore;
import io.scheduledreports.formats.CsvFormatter;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportTypes;
import io.scheduledreports.spi.SecretResolver;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A cluster without a shared disk: two engine instances on one database, each with its own local directory, and
 * one S3 bucket for the report files. Instance A generates every report but cannot reach the recipients'
 * storage (its connection points at a closed port), so every delivery is retried by instance B; B also serves
 * every download. With S3 all of them succeed; with the local directories (the control) B finds no file.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class TwoInstancesOneBucketTest {

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    private static final Instant START = Instant.parse("2026-02-10T18:30:00Z");
    private static final int SCHEDULES = 3;
    private static final SecretResolver SECRETS =
            SecretResolver.of(Map.of("drop.key-id", S3ProxyServer.ACCESS_KEY, "drop.secret", S3ProxyServer.SECRET_KEY));

    @Parameter
    TestDatabase database;

    @TempDir
    Path tempA;

    @TempDir
    Path tempB;

    @Test
    void everyDeliveryAndDownloadSucceedsOnTheInstanceThatDidNotGenerate() throws Exception {
        String artifacts = S3.createBucket("artifacts-" + database.name().toLowerCase());
        String drop = S3.createBucket("drop-" + database.name().toLowerCase());
        try (S3ArtifactStore storeA = S3.store(artifacts).keyPrefix("cluster").build();
                S3ArtifactStore storeB =
                        S3.store(artifacts).keyPrefix("cluster").build()) {
            Outcome outcome = run(storeA, storeB, drop);
            assertThat(outcome.deliveries()).hasSize(SCHEDULES).allSatisfy(d -> {
                assertThat(d.status()).as(d.destination()).isEqualTo(DeliveryStatus.SENT);
                assertThat(d.attempts()).as("failed on A, sent by B").isEqualTo(2);
            });
            for (int i = 0; i < SCHEDULES; i++) {
                String key = "s" + i + "/Report_" + i + "/2026-02-11/report-" + i + "-2026-02-11.csv";
                byte[] copy = S3.admin()
                        .getObjectAsBytes(b -> b.bucket(drop).key(key))
                        .asByteArray();
                assertThat(sha256(copy))
                        .as(key)
                        .isEqualTo(outcome.executions().get(i).artifact().sha256());
            }
            assertThat(S3.admin().listObjectsV2(b -> b.bucket(artifacts)).contents())
                    .extracting(software.amazon.awssdk.services.s3.model.S3Object::key)
                    .as("{prefix}/{tenant}/{yyyy}/{mm}/{execution-id}/{file-name}, month of 2026-02-11T08:00Z")
                    .containsExactlyInAnyOrderElementsOf(outcome.executions().stream()
                            .map(e -> "cluster/acme/2026/02/" + e.id() + "/"
                                    + e.artifact().fileName())
                            .toList());
            for (Execution e : outcome.executions()) {
                assertThat(outcome.downloadedOnA().get(e.id()))
                        .isEqualTo(e.artifact().sha256());
                assertThat(outcome.downloadedOnB().get(e.id()))
                        .isEqualTo(e.artifact().sha256());
            }
        }
    }

    @Test
    void withSeparateLocalDirectoriesTheOtherInstanceFindsNoFile() throws Exception {
        String drop = S3.createBucket("local-drop-" + database.name().toLowerCase());
        Outcome outcome = run(new LocalDirectoryArtifactStore(tempA), new LocalDirectoryArtifactStore(tempB), drop);
        assertThat(outcome.deliveries()).allSatisfy(d -> assertThat(d.status()).isNotEqualTo(DeliveryStatus.SENT));
        assertThat(outcome.downloadedOnB()).isEmpty();
        assertThat(outcome.downloadedOnA()).hasSize(SCHEDULES);
        assertThat(S3.admin().listObjectsV2(b -> b.bucket(drop)).contents()).isEmpty();
    }

    record Outcome(
            List<Execution> executions,
            List<DeliveryRecord> deliveries,
            Map<String, String> downloadedOnA,
            Map<String, String> downloadedOnB) {}

    private Outcome run(ArtifactStore storeA, ArtifactStore storeB, String drop) throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        Actor alice = Actor.of("acme", "alice");
        try (TestDatabase.Instance db = database.open(4);
                HikariDataSource poolB = db.newPool(4);
                S3DeliveryChannel unreachable = channel(URI.create("http://127.0.0.1:" + closedPort), drop);
                S3DeliveryChannel reachable = channel(S3.endpoint(), drop);
                ReportsTestKit a = ReportsTestKit.start(
                        builder(db.dataSource(), db, storeA, unreachable).instanceName("node-a"), START);
                ReportsTestKit b = ReportsTestKit.start(
                        builder(poolB, db, storeB, reachable).instanceName("node-b"), START)) {
            List<ScheduledReport> schedules = new ArrayList<>();
            for (int i = 0; i < SCHEDULES; i++) {
                schedules.add(a.reports()
                        .create(
                                alice,
                                ScheduleRequest.builder()
                                        .name("Report " + i)
                                        .reportType("regions")
                                        .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":"
                                                + "\"Europe/Paris\"}")
                                        .recipient(new Recipient(
                                                null, "s3", "s3://" + drop + "/s" + i, Map.of("connection", "drop")))
                                        .build()));
            }
            Instant due = schedules.getFirst().nextRunAt();
            a.advanceTo(due); // A generates everything; its deliveries fail (NETWORK) and are rescheduled
            for (ScheduledReport s : schedules) {
                DeliveryRecord first = latest(a, alice, s).deliveries().getFirst();
                assertThat(first.errorCategory()).isEqualTo(ErrorCategory.NETWORK);
            }
            b.setTimeWithoutRunning(due);
            b.advance(Duration.ofMinutes(2)); // first retry is due after 1 min +/- 20 %: B takes it

            List<Execution> executions = new ArrayList<>();
            List<DeliveryRecord> deliveries = new ArrayList<>();
            Map<String, String> onA = new java.util.HashMap<>();
            Map<String, String> onB = new java.util.HashMap<>();
            for (ScheduledReport s : schedules) {
                Execution e = latest(b, alice, s);
                executions.add(e);
                deliveries.addAll(e.deliveries());
                download(a, alice, e).ifPresent(sha -> onA.put(e.id(), sha));
                download(b, alice, e).ifPresent(sha -> onB.put(e.id(), sha));
            }
            return new Outcome(executions, deliveries, onA, onB);
        }
    }

    private static java.util.Optional<String> download(ReportsTestKit node, Actor actor, Execution e) {
        try (ArtifactDownload d = node.reports().openArtifact(actor, e.id());
                InputStream in = d.stream()) {
            return java.util.Optional.of(sha256(in.readAllBytes()));
        } catch (Exception missing) {
            return java.util.Optional.empty();
        }
    }

    private ScheduledReports.Builder builder(
            javax.sql.DataSource ds, TestDatabase.Instance db, ArtifactStore store, S3DeliveryChannel channel) {
        return ScheduledReports.builder(ds)
                .tablePrefix(db.tables().prefix())
                .reportType(ReportTypes.fromMaps(
                        "regions",
                        List.of(Column.text("region"), Column.integer("orders")),
                        req -> IntStream.range(0, 500)
                                .mapToObj(i -> Map.<String, Object>of("region", "r" + i, "orders", (long) i))))
                .formatter(CsvFormatter.ofDefaults())
                .channel(channel)
                .artifactStore(store);
    }

    private static S3DeliveryChannel channel(URI endpoint, String drop) {
        return S3DeliveryChannel.builder()
                .connection(S3Connection.compatible("drop", endpoint, "drop.key-id", "drop.secret"))
                .secrets(SECRETS)
                .allowBuckets("acme", drop)
                .connectTimeout(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static Execution latest(ReportsTestKit node, Actor actor, ScheduledReport s) {
        Execution first = node.reports()
                .executions(actor, s.id(), PageRequest.first())
                .items()
                .getFirst();
        return node.reports().execution(actor, first.id());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
