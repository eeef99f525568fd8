package io.scheduledreports.benchmarks.harness;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server on loopback for the benchmarks: S3Proxy over an in-memory blob store in this (harness)
 * JVM, with fresh random credentials and one bucket. Everything it holds is lost when it is closed.
 */
public final class BenchS3 implements AutoCloseable {
    private final S3Proxy proxy;
    private final String accessKey;
    private final String secretKey;
    private final String bucket;

    private BenchS3(S3Proxy proxy, String accessKey, String secretKey, String bucket) {
        this.proxy = proxy;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.bucket = bucket;
    }

    /** Starts a server on a free loopback port and creates the bucket {@code bucket}. */
    public static BenchS3 start(String bucket) throws Exception {
        SecureRandom random = new SecureRandom();
        String accessKey = "bench-" + HexFormat.of().formatHex(random.generateSeed(6));
        String secretKey = HexFormat.of().formatHex(random.generateSeed(16));
        S3Proxy proxy = startProxy(new TransientNio2BlobStore(), accessKey, secretKey, Duration.ofSeconds(20));
        BenchS3 s3 = new BenchS3(proxy, accessKey, secretKey, bucket);
        try (S3Client admin = client(s3.endpoint(), accessKey, secretKey)) {
            admin.createBucket(b -> b.bucket(bucket));
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
        return s3;
    }

    /**
     * Starts S3Proxy over {@code store} on a free loopback port with SigV2/SigV4 authentication by the given keys
     * and waits until it serves (at most {@code timeout}); its port is {@link S3Proxy#getPort()}.
     */
    public static S3Proxy startProxy(BlobStore store, String accessKey, String secretKey, Duration timeout)
            throws Exception {
        // S3Proxy, jclouds and the shaded Jetty log every request at DEBUG under logback's default configuration.
        Logging.level("org.gaul", "WARN");
        Logging.level("org.jclouds", "WARN");
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        Instant until = Instant.now().plus(timeout);
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(until)) {
                proxy.stop();
                throw new IllegalStateException(
                        "S3Proxy did not start within " + timeout.toSeconds() + " s: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return proxy;
    }

    /** A path-style client for an S3-compatible endpoint with static credentials. */
    public static S3Client client(URI endpoint, String accessKey, String secretKey) {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .build();
    }

    /** The endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** The bucket created at start. */
    public String bucket() {
        return bucket;
    }

    /**
     * The line the node JVM reads on its standard input to reach this server: {@code endpoint bucket accessKey
     * secretKey} (sent on stdin so that the credentials are not on a command line).
     */
    public String connectionLine() {
        return endpoint() + " " + bucket + " " + accessKey + " " + secretKey;
    }

    /** Stops the server; its contents are lost. */
    @Override
    public void close() throws Exception {
        proxy.stop();
    }

    @Override
    public String toString() {
        return "BenchS3[" + endpoint() + ", bucket " + bucket + "]";
    }
}
