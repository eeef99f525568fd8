package io.scheduledreports.storage.s3.internal;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Builds SDK clients from our settings: the JDK-based HTTP client, timeouts, endpoint and path style. */
public final class S3Clients {

    /** Connection settings shared by the store and the channel's named connections. */
    public record Settings(
            String region,
            URI endpoint,
            boolean pathStyleAccess,
            AwsCredentialsProvider credentials,
            Duration connectTimeout,
            Duration requestTimeout) {}

    private S3Clients() {}

    /**
     * A client for the settings. Against an overridden endpoint (MinIO, R2, ...) checksums are only sent and
     * checked when an operation requires them, since several S3-compatible servers reject the SDK's newer
     * default trailing checksums.
     */
    public static S3Client client(Settings s, Consumer<S3ClientBuilder> customizer) {
        S3ClientBuilder b = S3Client.builder()
                .region(Region.of(s.region()))
                .credentialsProvider(s.credentials())
                .forcePathStyle(s.pathStyleAccess())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(s.connectTimeout())
                        .socketTimeout(s.requestTimeout()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(s.requestTimeout())
                        .build());
        if (s.endpoint() != null) {
            b.endpointOverride(s.endpoint())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        customizer.accept(b);
        return b.build();
    }

    /** A presigner for the settings. */
    public static S3Presigner presigner(Settings s) {
        S3Presigner.Builder b = S3Presigner.builder()
                .region(Region.of(s.region()))
                .credentialsProvider(s.credentials())
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(s.pathStyleAccess())
                        .build());
        if (s.endpoint() != null) {
            b.endpointOverride(s.endpoint());
        }
        return b.build();
    }
}
