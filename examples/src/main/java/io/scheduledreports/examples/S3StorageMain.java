package io.scheduledreports.examples;

import io.scheduledreports.core.ArtifactDownload;
import io.scheduledreports.core.Execution;
import io.scheduledreports.core.PageRequest;
import io.scheduledreports.core.ReportsTestKit;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.formats.Formatters;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ReportTypes;
import io.scheduledreports.storage.s3.S3ArtifactStore;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.h2.jdbcx.JdbcDataSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Report files in S3-compatible object storage, so every instance of a cluster can serve every download. The
 * "object storage" here is S3Proxy running in this JVM; against MinIO, Cloudflare R2 or AWS only the endpoint
 * and the credentials change.
 */
public final class S3StorageMain {

    private S3StorageMain() {}

    /**
     * What happened.
     *
     * @param objects the object keys in the bucket after the run
     * @param csv the report as downloaded through the engine
     */
    public record Outcome(List<String> objects, String csv) {}

    public static void main(String[] args) throws Exception {
        Outcome outcome = run();
        System.out.println("Objects: " + outcome.objects());
        System.out.println(outcome.csv());
    }

    /** Runs the example: one daily report stored in a bucket, then downloaded through the engine. */
    public static Outcome run() throws Exception {
        S3Proxy server = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "demo-access-key", "demo-secret-key")
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        server.start();
        while (!"STARTED".equals(server.getState())) {
            Thread.sleep(10);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + server.getPort());
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("demo-access-key", "demo-secret-key"));
        try (S3ArtifactStore store = S3ArtifactStore.builder()
                .bucket("reports")
                .keyPrefix("demo")
                .endpoint(endpoint) // e.g. https://<account>.r2.cloudflarestorage.com or http://minio:9000
                .pathStyleAccess(true)
                .region("us-east-1")
                .credentialsProvider(credentials) // default: the SDK's chain (environment, profile, role)
                .build()) {
            createBucket(endpoint, credentials);
            store.verifyAccess(); // the bucket exists and is writable, or start-up stops here

            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:s3-storage-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            ScheduledReports.Builder builder = ScheduledReports.builder(dataSource)
                    .reportType(ReportTypes.fromMaps(
                            "sales_by_region",
                            List.of(Column.text("region"), Column.decimal("total", 2)),
                            request -> Stream.of(
                                    Map.of("region", "North", "total", new BigDecimal("1200.50")),
                                    Map.of("region", "South", "total", new BigDecimal("980.00")))))
                    .formatters(Formatters.defaults())
                    .artifactStore(store);
            try (ReportsTestKit kit = ReportsTestKit.start(builder, Instant.parse("2026-02-16T07:00:00Z"))) {
                Actor alice = Actor.of("acme", "alice", Actor.CREATOR);
                ScheduledReport schedule = kit.reports()
                        .create(
                                alice,
                                ScheduleRequest.builder()
                                        .name("Daily sales")
                                        .reportType("sales_by_region")
                                        .outputFormat("csv")
                                        .schedule("{\"cadence\": \"daily\", \"time\": \"09:00\","
                                                + " \"timezone\": \"Europe/Paris\"}")
                                        .build());
                kit.advance(Duration.ofDays(1));
                Execution run = kit.reports()
                        .executions(alice, schedule.id(), PageRequest.first())
                        .items()
                        .getFirst();
                String csv;
                try (ArtifactDownload file = kit.reports().openArtifact(alice, run.id())) {
                    csv = new String(file.stream().readAllBytes(), StandardCharsets.UTF_8);
                }
                return new Outcome(listObjects(endpoint, credentials), csv);
            }
        } finally {
            server.stop();
        }
    }

    private static software.amazon.awssdk.services.s3.S3Client admin(
            URI endpoint, StaticCredentialsProvider credentials) {
        return software.amazon.awssdk.services.s3.S3Client.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .credentialsProvider(credentials)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build();
    }

    private static void createBucket(URI endpoint, StaticCredentialsProvider credentials) {
        try (var s3 = admin(endpoint, credentials)) {
            s3.createBucket(b -> b.bucket("reports"));
        }
    }

    private static List<String> listObjects(URI endpoint, StaticCredentialsProvider credentials) {
        try (var s3 = admin(endpoint, credentials)) {
            return s3.listObjectsV2(b -> b.bucket("reports")).contents().stream()
                    .map(o -> o.key())
                    .toList();
        }
    }
}
