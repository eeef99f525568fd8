package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.artifact.LocalDirectoryArtifactStore;
import io.scheduledreports.spi.Artifact;
import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.SecretResolver;
import io.scheduledreports.spring.internal.InvalidPropertyException;
import io.scheduledreports.spring.internal.s3.S3StorageHealthIndicator;
import io.scheduledreports.storage.s3.S3ArtifactStore;
import io.scheduledreports.storage.s3.S3DeliveryChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 auto-configuration against S3Proxy running in the test JVM. */
class ScheduledReportsS3AutoConfigurationTest {

    private static S3Proxy proxy;
    private static S3Client admin;
    private static URI endpoint;

    @TempDir
    Path artifacts;

    @BeforeAll
    static void startS3() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret")
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        admin = S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
                .build();
    }

    @AfterAll
    static void stopS3() throws Exception {
        admin.close();
        proxy.stop();
    }

    private static String bucket() {
        String name = "b-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createBucket(b -> b.bucket(name));
        return name;
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        ScheduledReportsAutoConfiguration.class,
                        ScheduledReportsS3AutoConfiguration.class,
                        ScheduledReportsS3HealthAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "scheduled-reports.artifact-directory=" + artifacts,
                        "scheduled-reports.disk-guard.enabled=false");
    }

    private ApplicationContextRunner s3(String bucket) {
        return runner().withPropertyValues(
                        "scheduled-reports.storage.s3.bucket=" + bucket,
                        "scheduled-reports.storage.s3.endpoint=" + endpoint,
                        "scheduled-reports.storage.s3.path-style-access=true",
                        "scheduled-reports.storage.s3.access-key-id=access",
                        "scheduled-reports.storage.s3.secret-access-key=secret",
                        "scheduled-reports.storage.s3.key-prefix=app");
    }

    @Test
    void withoutABucketTheLocalStoreStays() {
        runner().run(context -> {
            assertThat(context).doesNotHaveBean(S3ArtifactStore.class);
            assertThat(context.getBean(ArtifactStore.class)).isInstanceOf(LocalDirectoryArtifactStore.class);
            assertThat(context).doesNotHaveBean(S3DeliveryChannel.class);
        });
    }

    @Test
    void aBucketSwitchesTheEngineToS3AfterCheckingItAtStartUp() {
        String bucket = bucket();
        s3(bucket).run(context -> {
            assertThat(context).hasNotFailed();
            S3ArtifactStore store = context.getBean(S3ArtifactStore.class);
            assertThat(context.getBean(ArtifactStore.class)).isSameAs(store);
            assertThat(store.bucket()).isEqualTo(bucket);
            assertThat(store.keyPrefix()).isEqualTo("app");
            assertThat(context.getBean(ScheduledReports.class).isStarted()).isTrue();
            // the probe object was written and removed
            assertThat(admin.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        });
    }

    @Test
    void aMissingBucketStopsStartUpNamingTheProperty() {
        s3("no-such-bucket").run(context -> {
            assertThat(context).hasFailed();
            Throwable t = context.getStartupFailure();
            while (t != null && !(t instanceof InvalidPropertyException)) {
                t = t.getCause();
            }
            assertThat(t).isInstanceOfSatisfying(InvalidPropertyException.class, e -> {
                assertThat(e.property()).isEqualTo("scheduled-reports.storage.s3.bucket");
                assertThat(e.getMessage())
                        .contains("'no-such-bucket' is not reachable")
                        .doesNotContain("secret-");
            });
        });
    }

    @Test
    void aBadSettingIsRefusedNamingItsProperty() {
        s3(bucket())
                .withPropertyValues("scheduled-reports.storage.s3.part-size=1MB")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                            .hasMessageContaining("scheduled-reports.storage.s3.part-size")
                            .hasMessageContaining("must be between 5242880 and 268435456 bytes, was 1048576");
                    Throwable t = context.getStartupFailure();
                    while (t != null && !(t instanceof InvalidPropertyException)) {
                        t = t.getCause();
                    }
                    assertThat(((InvalidPropertyException) t).property())
                            .isEqualTo("scheduled-reports.storage.s3.part-size");
                });
    }

    @Test
    void healthShowsTheBucketAndReusesItsResultWithinTheTtl() {
        String bucket = bucket();
        s3(bucket)
                .withPropertyValues("scheduled-reports.storage.s3.health-cache-ttl=1h")
                .run(context -> {
                    HealthIndicator health =
                            context.getBean("scheduledReportsStorageHealthIndicator", HealthIndicator.class);
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                    assertThat(health.health().getDetails()).containsEntry("bucket", bucket);
                    admin.deleteBucket(b -> b.bucket(bucket));
                    assertThat(health.health().getStatus()).as("cached").isEqualTo(Status.UP);
                    var fresh = new S3StorageHealthIndicator(
                                    context.getBean(S3ArtifactStore.class), Duration.ZERO, Clock.systemUTC())
                            .health();
                    assertThat(fresh.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(fresh.getDetails()).containsEntry("category", "CONFIGURATION");
                    assertThat(fresh.getDetails().toString()).doesNotContain("secret");
                });
    }

    @Test
    void namedConnectionsRegisterTheS3ChannelWithTheHostsSecretResolver() {
        runner().withUserConfiguration(Secrets.class)
                .withPropertyValues(
                        "scheduled-reports.storage.s3.channel.connections.drop.endpoint=" + endpoint,
                        "scheduled-reports.storage.s3.channel.connections.drop.path-style-access=true",
                        "scheduled-reports.storage.s3.channel.connections.drop.access-key-id-secret=drop.id",
                        "scheduled-reports.storage.s3.channel.connections.drop.secret-access-key-secret=drop.key",
                        "scheduled-reports.storage.s3.channel.allowed-buckets.acme=finance-drop,ops-drop")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ScheduledReports.class).channels())
                            .contains("s3");
                    S3DeliveryChannel channel = context.getBean(S3DeliveryChannel.class);
                    assertThat(channel.connectionNames()).containsExactly("drop");
                    channel.validateRecipient(
                            "acme",
                            new io.scheduledreports.spi.Recipient(
                                    null, "s3", "s3://ops-drop/x", Map.of("connection", "drop")));
                });
    }

    @Test
    void aNamedConnectionSendsItsServerSideEncryptionHeaders() throws Exception {
        String bucket = bucket();
        try (RecordingRelay relay = new RecordingRelay(endpoint.getPort())) {
            String conn = "scheduled-reports.storage.s3.channel.connections.";
            runner().withUserConfiguration(Secrets.class)
                    .withPropertyValues(
                            conn + "sealed.endpoint=http://127.0.0.1:" + relay.port(),
                            conn + "sealed.path-style-access=true",
                            conn + "sealed.access-key-id-secret=drop.id",
                            conn + "sealed.secret-access-key-secret=drop.key",
                            conn + "sealed.server-side-encryption=kms",
                            conn + "sealed.kms-key-id=arn:aws:kms:eu-central-1:111122223333:key/sealed",
                            conn + "plain.endpoint=http://127.0.0.1:" + relay.port(),
                            conn + "plain.path-style-access=true",
                            conn + "plain.access-key-id-secret=drop.id",
                            conn + "plain.secret-access-key-secret=drop.key",
                            "scheduled-reports.storage.s3.channel.allowed-buckets.acme=" + bucket)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        S3DeliveryChannel channel = context.getBean(S3DeliveryChannel.class);
                        String sealed = deliverQuietly(relay, channel, bucket, "sealed");
                        assertThat(sealed)
                                .contains("x-amz-server-side-encryption: aws:kms")
                                .contains("x-amz-server-side-encryption-aws-kms-key-id:"
                                        + " arn:aws:kms:eu-central-1:111122223333:key/sealed");
                        String plain = deliverQuietly(relay, channel, bucket, "plain");
                        assertThat(plain).contains("put /" + bucket + "/plain/").doesNotContain("x-amz-server-side");
                    });
        }
    }

    @Test
    void aKmsKeyWithoutKmsEncryptionStopsStartUpNamingTheConnectionsProperty() {
        runner().withPropertyValues(
                        "scheduled-reports.storage.s3.channel.connections.drop.server-side-encryption=s3",
                        "scheduled-reports.storage.s3.channel.connections.drop.kms-key-id=k-1")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable t = context.getStartupFailure();
                    while (t != null && !(t instanceof InvalidPropertyException)) {
                        t = t.getCause();
                    }
                    assertThat(t).isInstanceOfSatisfying(InvalidPropertyException.class, e -> {
                        assertThat(e.property())
                                .isEqualTo("scheduled-reports.storage.s3.channel.connections.drop.kms-key-id");
                        assertThat(e.getMessage()).contains("only allowed with mode KMS, was mode S3");
                    });
                });
    }

    @Test
    void propertyDefaultsAreTheBuildersDefaults() {
        try (S3ArtifactStore built = S3ArtifactStore.builder().bucket("abc").build()) {
            assertThat(new ScheduledReportsS3Properties().isPresignedDownloadLinks())
                    .isEqualTo(built.presignedDownloadLinks());
        }
        ScheduledReportsS3Properties p = new ScheduledReportsS3Properties();
        assertThat(p.getRegion()).isEqualTo(S3ArtifactStore.DEFAULT_REGION);
        assertThat(p.getPartSize().toBytes()).isEqualTo(S3ArtifactStore.DEFAULT_PART_SIZE);
        assertThat(p.getConnectTimeout()).isEqualTo(S3ArtifactStore.DEFAULT_CONNECT_TIMEOUT);
        assertThat(p.getRequestTimeout()).isEqualTo(S3ArtifactStore.DEFAULT_REQUEST_TIMEOUT);
        ScheduledReportsS3Properties.Connection c = new ScheduledReportsS3Properties.Connection();
        assertThat(c.getRegion()).isEqualTo(S3ArtifactStore.DEFAULT_REGION);
        assertThat(c.getServerSideEncryption()).isEqualTo(ScheduledReportsS3Properties.Sse.NONE);
    }

    @Test
    void presignedDownloadLinksAreOffUnlessThePropertySaysOtherwise() {
        String bucket = bucket();
        s3(bucket)
                .run(context -> assertThat(
                                context.getBean(S3ArtifactStore.class).presignedDownloadLinks())
                        .isFalse());
        s3(bucket)
                .withPropertyValues("scheduled-reports.storage.s3.presigned-download-links=true")
                .run(context -> assertThat(
                                context.getBean(S3ArtifactStore.class).presignedDownloadLinks())
                        .isTrue());
    }

    /** Delivers a small file through {@code connection}; returns what the relay saw the client send. */
    private static String deliverQuietly(
            RecordingRelay relay, S3DeliveryChannel channel, String bucket, String connection) {
        relay.clear();
        try {
            channel.deliver(new Delivery(
                    "d-" + connection,
                    "idem-" + connection,
                    "acme",
                    "s1",
                    "e1",
                    "Orders",
                    new Recipient(null, "s3", "s3://" + bucket + "/" + connection, Map.of("connection", connection)),
                    null,
                    new CsvArtifact("region,orders\nnorth,12\n".getBytes(StandardCharsets.UTF_8)),
                    Map.of(),
                    Map.of(),
                    Locale.ENGLISH,
                    ZoneId.of("Europe/Paris"),
                    Instant.parse("2026-02-11T08:00:00Z"),
                    1));
        } catch (Exception refused) {
            // S3Proxy may refuse an SSE header it cannot honour; the relay has what the client sent
        }
        return relay.text();
    }

    /** A report file in memory. */
    record CsvArtifact(byte[] bytes) implements Artifact {
        @Override
        public String fileName() {
            return "orders.csv";
        }

        @Override
        public String mediaType() {
            return "text/csv";
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public String sha256() {
            return "";
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public Optional<URI> downloadLink() {
            return Optional.empty();
        }
    }

    /**
     * A TCP relay in front of S3Proxy that keeps a copy of every byte the client sends: the real server answers,
     * and the test reads the request headers as they went over the wire (the Host header, and so the signature,
     * stay valid because the bytes pass unchanged).
     */
    static final class RecordingRelay implements AutoCloseable {
        private final ServerSocket server;
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
        private final ExecutorService pumps = Executors.newVirtualThreadPerTaskExecutor();

        RecordingRelay(int targetPort) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            pumps.submit(() -> {
                while (!server.isClosed()) {
                    Socket client;
                    try {
                        client = server.accept();
                    } catch (IOException closed) {
                        return null;
                    }
                    Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    pumps.submit(() -> pump(client.getInputStream(), target.getOutputStream(), true, client, target));
                    pumps.submit(() -> pump(target.getInputStream(), client.getOutputStream(), false, client, target));
                }
                return null;
            });
        }

        int port() {
            return server.getLocalPort();
        }

        synchronized void clear() {
            seen.reset();
        }

        /** What the client sent since {@link #clear()}, lower case (header names are case-insensitive). */
        synchronized String text() {
            return seen.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        }

        private Void pump(InputStream in, OutputStream out, boolean record, Socket a, Socket b) {
            byte[] buffer = new byte[8192];
            try (a;
                    b) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (record) {
                        synchronized (this) {
                            seen.write(buffer, 0, n);
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // either side closed the connection
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            server.close();
            pumps.shutdownNow();
        }
    }

    @Test
    void aBadObjectNameTemplateStopsStartUpNamingTheProperty() {
        runner().withPropertyValues(
                        "scheduled-reports.storage.s3.channel.connections.drop.region=eu-west-1",
                        "scheduled-reports.storage.s3.channel.object-name={schedule}/latest.csv")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable t = context.getStartupFailure();
                    while (t != null && !(t instanceof InvalidPropertyException)) {
                        t = t.getCause();
                    }
                    assertThat(((InvalidPropertyException) t).property())
                            .isEqualTo("scheduled-reports.storage.s3.channel.object-name");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class Secrets {
        @Bean
        SecretResolver secrets() {
            return SecretResolver.of(Map.of("drop.id", "access", "drop.key", "secret"));
        }
    }
}
