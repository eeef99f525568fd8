package io.scheduledreports.storage.s3;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server in the test JVM: S3Proxy over an in-memory blob store, speaking the S3 wire protocol
 * with SigV2/SigV4 authentication. Register with {@code @RegisterExtension static S3ProxyServer S3 = new ...}.
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback {
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";

    private S3Proxy proxy;
    private S3Client admin;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    /** Starts the server on a free port. */
    public void start() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        admin = S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .credentialsProvider(credentials())
                .requestChecksumCalculation(
                        software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .build();
    }

    /** Stops the server (its contents are lost). */
    public void stop() throws Exception {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
    }

    /** The endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** The server's credentials. */
    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** A client of its own for checks behind the store's back. */
    public S3Client admin() {
        return admin;
    }

    /** Creates a bucket and returns its name. */
    public String createBucket(String name) {
        admin.createBucket(b -> b.bucket(name));
        return name;
    }

    /** A builder for a store on this server (path style, static credentials). */
    public S3ArtifactStore.Builder store(String bucket) {
        return S3ArtifactStore.builder()
                .bucket(bucket)
                .endpoint(endpoint())
                .pathStyleAccess(true)
                .credentialsProvider(credentials());
    }
}
