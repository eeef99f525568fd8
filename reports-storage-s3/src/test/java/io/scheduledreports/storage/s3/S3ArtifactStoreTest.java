package io.scheduledreports.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.spi.ArtifactOutput;
import io.scheduledreports.spi.ErrorCategory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

class S3ArtifactStoreTest {

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    /** The smallest part S3 (and S3Proxy) accepts, so three parts stay quick to send. */
    private static final int PART = S3ArtifactStore.MIN_PART_SIZE;

    private String bucket;
    private final RecordingInterceptor recorder = new RecordingInterceptor();

    @BeforeEach
    void bucket() {
        bucket = S3.createBucket("reports-" + BUCKETS.incrementAndGet());
    }

    private S3ArtifactStore store() {
        return S3.store(bucket)
                .keyPrefix("prod")
                .partSize(PART)
                .clientCustomizer(recorder::installOn)
                .build();
    }

    @Test
    void writesAFileBelowOnePartWithOnePut() throws Exception {
        byte[] bytes = random(10_000);
        try (S3ArtifactStore store = store()) {
            long size;
            try (ArtifactOutput out = store.create("acme/2026/12/e1/report.csv")) {
                out.write(bytes);
                size = out.commit();
            }
            assertThat(size).isEqualTo(10_000);
            assertThat(recorder.operations()).containsExactly("PutObject");
            assertThat(recorder.sent.getFirst().header("Content-Type")).isEqualTo("text/csv");
            assertThat(adminRead("prod/acme/2026/12/e1/report.csv")).isEqualTo(bytes);
            try (InputStream in = store.open("acme/2026/12/e1/report.csv")) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
        }
    }

    @Test
    void sweepAbortsMultipartUploadsThatAKilledInstanceLeftIncomplete() throws Exception {
        try (S3ArtifactStore store = store()) {
            // a generation that was killed after its first part: the upload stays open on the server
            ArtifactOutput killed = store.create("acme/2026/12/e9/report.csv");
            killed.write(random(PART + 10));
            killed.flush();
            java.time.Instant afterKill = java.time.Instant.now().plusSeconds(1);
            assertThat(uploadsLeftOpen())
                    .as("the killed generation's upload is open")
                    .hasSize(1);

            assertThat(store.sweepIncomplete(afterKill.minus(Duration.ofHours(1))))
                    .as("younger than the cut-off: may still be written")
                    .isZero();
            assertThat(store.sweepIncomplete(afterKill)).isEqualTo(1);
            assertThat(uploadsLeftOpen()).isEmpty();
            assertThat(store.exists("acme/2026/12/e9/report.csv")).isFalse();
        }
    }

    @Test
    void streamsALargeFileAsAMultipartUploadOfBoundedParts() throws Exception {
        byte[] bytes = random(PART * 3 + 1234);
        try (S3ArtifactStore store = store()) {
            long size;
            try (ArtifactOutput out = store.create("acme/2026/12/e2/report.xlsx")) {
                // odd-sized writes cross part boundaries
                for (int off = 0; off < bytes.length; off += 7001) {
                    out.write(bytes, off, Math.min(7001, bytes.length - off));
                }
                out.write('x');
                size = out.commit();
            }
            assertThat(size).isEqualTo(bytes.length + 1);
            assertThat(recorder.count("CreateMultipartUpload")).isEqualTo(1);
            assertThat(recorder.count("UploadPart")).isEqualTo(4);
            assertThat(recorder.count("CompleteMultipartUpload")).isEqualTo(1);
            assertThat(recorder.count("PutObject")).isZero();
            byte[] stored = adminRead("prod/acme/2026/12/e2/report.xlsx");
            assertThat(stored).hasSize(bytes.length + 1);
            assertThat(sha256(stored, bytes.length)).isEqualTo(sha256(bytes, bytes.length));
            assertThat(stored[bytes.length]).isEqualTo((byte) 'x');
            assertThat(uploadsLeftOpen()).isEmpty();
        }
    }

    @Test
    void discardingAHalfWrittenMultipartFileLeavesNeitherObjectNorUpload() throws Exception {
        try (S3ArtifactStore store = store()) {
            try (ArtifactOutput out = store.create("acme/2026/12/e3/report.csv")) {
                out.write(random(PART * 3 + 10)); // three parts sent, the fourth buffered
                assertThat(uploadsLeftOpen()).hasSize(1);
                // the formatter fails here: the output is closed without commit
            }
            assertThat(recorder.count("AbortMultipartUpload")).isEqualTo(1);
            assertThat(uploadsLeftOpen()).isEmpty();
            assertThat(store.exists("acme/2026/12/e3/report.csv")).isFalse();
        }
    }

    @Test
    void aPartRejectedByTheServerFailsTheWriteAndLeavesNothing() throws Exception {
        try (S3ArtifactStore store = store()) {
            ArtifactOutput out = store.create("acme/2026/12/e4/report.csv");
            out.write(random(PART + 1)); // starts the upload, first part in flight
            MultipartUpload upload = uploadsLeftOpen().getFirst();
            S3.admin()
                    .abortMultipartUpload(
                            b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
            assertThatThrownBy(() -> {
                        out.write(random(PART * 2));
                        out.commit();
                    })
                    .isInstanceOf(IOException.class)
                    .cause()
                    .isInstanceOfSatisfying(
                            S3StorageException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(404));
            out.close();
            assertThat(uploadsLeftOpen()).isEmpty();
            assertThat(store.exists("acme/2026/12/e4/report.csv")).isFalse();
        }
    }

    @Test
    void deleteIsIdempotentAndExistsFollowsIt() throws Exception {
        try (S3ArtifactStore store = store()) {
            try (ArtifactOutput out = store.create("acme/2026/12/e5/report.pdf")) {
                out.write(random(100));
                out.commit();
            }
            assertThat(store.exists("acme/2026/12/e5/report.pdf")).isTrue();
            assertThat(store.delete("acme/2026/12/e5/report.pdf")).isTrue();
            assertThat(store.exists("acme/2026/12/e5/report.pdf")).isFalse();
            assertThat(store.delete("acme/2026/12/e5/report.pdf")).isFalse();
            assertThatThrownBy(() -> store.open("acme/2026/12/e5/report.pdf")).isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void sendsTheServerSideEncryptionAndStorageClassHeadersOnEveryWrite() throws Exception {
        try (S3ArtifactStore store = S3.store(bucket)
                .partSize(PART)
                .serverSideEncryption(Encryption.kms("arn:aws:kms:eu-central-1:111122223333:key/k-1"))
                .storageClass("STANDARD_IA")
                .clientCustomizer(recorder::installOn)
                .build()) {
            writeQuietly(store, "acme/2026/12/e-small/small.csv", 100);
            writeQuietly(store, "acme/2026/12/e-large/large.csv", PART * 2);
        }
        assertThat(recorder.operations()).contains("PutObject", "CreateMultipartUpload");
        for (RecordingInterceptor.Sent sent : recorder.sent) {
            if (sent.operation().equals("PutObject") || sent.operation().equals("CreateMultipartUpload")) {
                assertThat(sent.header("x-amz-server-side-encryption"))
                        .as(sent.operation())
                        .isEqualTo("aws:kms");
                assertThat(sent.header("x-amz-server-side-encryption-aws-kms-key-id"))
                        .isEqualTo("arn:aws:kms:eu-central-1:111122223333:key/k-1");
                assertThat(sent.header("x-amz-storage-class")).isEqualTo("STANDARD_IA");
            }
        }
    }

    @Test
    void badCredentialsAreAConfigurationFailure() throws Exception {
        try (S3ArtifactStore store = S3.store(bucket)
                        .region("us-east-1")
                        .connectTimeout(Duration.ofSeconds(2))
                        .build();
                S3ArtifactStore wrong = S3ArtifactStore.builder()
                        .bucket(bucket)
                        .endpoint(S3.endpoint())
                        .pathStyleAccess(true)
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, "wrong-secret")))
                        .build()) {
            assertThat(store.exists("acme/2026/12/x/x.csv")).isFalse();
            assertThatThrownBy(() -> wrong.exists("acme/2026/12/x/x.csv"))
                    .isInstanceOfSatisfying(S3StorageException.class, e -> {
                        assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.getMessage()).doesNotContain("wrong-secret");
                    });
            ArtifactOutput out = wrong.create("acme/2026/12/x/x.csv");
            out.write(random(10));
            assertThatThrownBy(out::commit)
                    .isInstanceOf(IOException.class)
                    .cause()
                    .isInstanceOfSatisfying(
                            S3StorageException.class,
                            e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION));
            assertThatThrownBy(wrong::verifyAccess).isInstanceOfSatisfying(S3StorageException.class, e -> {
                assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
                assertThat(e.getMessage()).startsWith("bucket: '" + bucket + "'");
            });
        }
    }

    @Test
    void aStoppedServerIsARetryableNetworkFailure() throws Exception {
        S3ProxyServer own = new S3ProxyServer();
        own.start();
        String b = own.createBucket("stopped");
        try (S3ArtifactStore store = own.store(b)
                .connectTimeout(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(2))
                .build()) {
            assertThat(store.exists("acme/2026/12/x/x.csv")).isFalse();
            own.stop();
            assertThatThrownBy(() -> store.exists("acme/2026/12/x/x.csv"))
                    .isInstanceOfSatisfying(S3StorageException.class, e -> {
                        assertThat(e.category()).isEqualTo(ErrorCategory.NETWORK);
                        assertThat(e.category().isTransientByDefault()).isTrue();
                        assertThat(e.statusCode()).isZero();
                    });
            ArtifactOutput out = store.create("acme/2026/12/x/x.csv");
            out.write(random(10));
            assertThatThrownBy(out::commit)
                    .isInstanceOf(IOException.class)
                    .cause()
                    .isInstanceOfSatisfying(
                            S3StorageException.class,
                            e -> assertThat(e.category()).isEqualTo(ErrorCategory.NETWORK));
        } finally {
            own.stop();
        }
    }

    @Test
    void verifyAccessWritesAndRemovesAProbeAndNamesAMissingBucket() {
        try (S3ArtifactStore store = store();
                S3ArtifactStore missing = S3.store("no-such-bucket").build()) {
            store.verifyAccess();
            assertThat(S3.admin().listObjectsV2(b -> b.bucket(bucket)).contents())
                    .isEmpty();
            assertThat(recorder.operations()).containsExactly("HeadBucket", "PutObject", "DeleteObject");
            assertThatThrownBy(missing::verifyAccess).isInstanceOfSatisfying(S3StorageException.class, e -> {
                assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
                assertThat(e.getMessage()).startsWith("bucket: 'no-such-bucket' is not reachable");
            });
        }
    }

    @Test
    void refusesKeysItDidNotBuildFromSafeSegments() {
        try (S3ArtifactStore store = store()) {
            for (String bad : new String[] {
                "",
                "../etc/passwd",
                "a/../b",
                "a/./b",
                "a//b",
                "/a",
                "a/",
                ".hidden",
                "a/b\nc",
                "a b",
                "a/" + "x".repeat(129),
                "acme/2026/12/e1/" + "x".repeat(129) + ".csv",
                "acme/2026/12/e1/a\u0007.csv",
                "acme/e1/report.csv",
                "acme/26/12/e1/report.csv",
                "acme/2026/13/e1/report.csv",
                "acme/2026/12/e1/x/report.csv",
                "acme/s1/report.csv"
            }) {
                assertThatThrownBy(() -> store.create(bad))
                        .as(bad)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("artifact key: ");
                assertThatThrownBy(() -> store.open(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> store.delete(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(store.objectKey("acme/2026/12/e1/report.csv")).isEqualTo("prod/acme/2026/12/e1/report.csv");
        }
    }

    @Test
    void readsAndDeletesFilesOfTheEarlierLayoutButNeverWritesThem() throws Exception {
        byte[] bytes = random(300);
        S3.admin().putObject(b -> b.bucket(bucket).key("prod/acme/s1/e9-a2.csv"), RequestBody.fromBytes(bytes));
        try (S3ArtifactStore store = store()) {
            assertThat(store.exists("acme/s1/e9-a2.csv")).isTrue();
            try (InputStream in = store.open("acme/s1/e9-a2.csv")) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
            assertThatThrownBy(() -> store.create("acme/s1/e9-a3.csv"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("artifact key: must be {tenant}/{yyyy}/{mm}/{execution-id}/{file-name},");
            assertThat(store.delete("acme/s1/e9-a2.csv")).isTrue();
            assertThat(S3.admin().listObjectsV2(b -> b.bucket(bucket)).contents())
                    .isEmpty();
        }
    }

    @Test
    void presignedGetDownloadsTheFileAndCapsTheValidity() throws Exception {
        byte[] bytes = random(5000);
        try (S3ArtifactStore store =
                S3.store(bucket).maxPresignValidity(Duration.ofHours(1)).build()) {
            try (ArtifactOutput out = store.create("acme/2026/12/e6/report.csv")) {
                out.write(bytes);
                out.commit();
            }
            URI url = store.presignedGet("acme/2026/12/e6/report.csv", "sales report.csv", Duration.ofDays(3));
            assertThat(url.getQuery()).contains("X-Amz-Expires=3600");
            HttpResponse<byte[]> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(bytes);
        }
    }

    @Test
    void offersPresignedUrlsToTheEngineOnlyWhenEnabledAndWithinTheMaximumValidity() {
        String key = "acme/2026/12/e7/report.csv";
        try (S3ArtifactStore off = S3.store(bucket).build();
                S3ArtifactStore on = S3.store(bucket)
                        .presignedDownloadLinks(true)
                        .maxPresignValidity(Duration.ofDays(2))
                        .build()) {
            assertThat(off.presignedUrl(key, "report.csv", Duration.ofHours(1))).isEmpty();
            assertThat(on.presignedUrl(key, "report.csv", Duration.ofDays(2)))
                    .hasValueSatisfying(url -> assertThat(url.getQuery()).contains("X-Amz-Expires=172800"));
            assertThat(on.presignedUrl(key, "report.csv", Duration.ofDays(2).plusSeconds(1)))
                    .as("longer than the maximum: the engine's own link instead of a shorter URL")
                    .isEmpty();
            assertThatThrownBy(() -> on.presignedUrl("../x", "report.csv", Duration.ofHours(1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void builderNamesTheFieldTheRuleAndTheValue() {
        assertThatThrownBy(() -> S3ArtifactStore.builder().bucket("Bad_Bucket"))
                .hasMessage("bucket: must be 3-63 characters of a-z, 0-9, '.' and '-', starting and ending with a"
                        + " letter or digit, was 'Bad_Bucket'");
        assertThatThrownBy(() -> S3ArtifactStore.builder().keyPrefix("a/../b"))
                .hasMessageStartingWith("keyPrefix: segment '..'");
        assertThatThrownBy(() -> S3ArtifactStore.builder().partSize(1024))
                .hasMessage("partSize: must be between 5242880 and 268435456 bytes, was 1024");
        assertThatThrownBy(() -> S3ArtifactStore.builder().storageClass("cold storage"))
                .hasMessageStartingWith("storageClass: must be upper-case letters");
        assertThatThrownBy(() -> S3ArtifactStore.builder().endpoint(URI.create("ftp://x")))
                .hasMessage("endpoint: must be an http(s) URL with a host, was ftp://x");
        assertThatThrownBy(() -> S3ArtifactStore.builder().bucket("abc").bucket("abd"))
                .hasMessage("bucket: already set");
        assertThatThrownBy(() -> S3ArtifactStore.builder().build()).hasMessage("bucket: required, was not set");
        assertThatThrownBy(() -> Encryption.s3Managed().getClass().cast(new Encryption(Encryption.Mode.S3, "key")))
                .hasMessage("serverSideEncryption.kmsKeyId: only allowed with mode KMS, was mode S3");
    }

    private static void writeQuietly(S3ArtifactStore store, String key, int size) {
        try (ArtifactOutput out = store.create(key)) {
            out.write(random(size));
            out.commit();
        } catch (IOException e) {
            // the server may refuse the headers; the test checks what was sent
        }
    }

    private java.util.List<MultipartUpload> uploadsLeftOpen() {
        return S3.admin().listMultipartUploads(b -> b.bucket(bucket)).uploads();
    }

    private byte[] adminRead(String key) {
        return S3.admin().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b, int len) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update(b, 0, len);
        return HexFormat.of().formatHex(d.digest());
    }
}
