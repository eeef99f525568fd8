package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.artifact.LocalDirectoryArtifactStore;
import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spi.SecretResolver;
import io.scheduledreports.spring.internal.InvalidPropertyException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import io.scheduledreports.spring.internal.s3.S3StorageHealthIndicator;
import io.scheduledreports.storage.s3.S3ArtifactStore;
import io.scheduledreports.storage.s3.S3DeliveryChannel;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
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
class ScheduledReportsS3AutoConfigurationTests {

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
