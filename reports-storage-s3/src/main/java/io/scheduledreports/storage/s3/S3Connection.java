package io.scheduledreports.storage.s3;

import io.scheduledreports.storage.s3.internal.ObjectKeys;
import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named connection of the {@code s3} channel, configured by the host. Recipients refer to it by name
 * (option {@code connection}); its credentials are <em>names</em> of secrets that the channel's
 * {@link io.scheduledreports.spi.SecretResolver} turns into values at send time, so no key is ever stored in a
 * schedule, the audit or a log.
 *
 * @param name the name recipients use, {@code [A-Za-z0-9._-]}
 * @param region the region, e.g. {@code eu-central-1} ({@code us-east-1} for most S3-compatible servers)
 * @param endpoint the endpoint of an S3-compatible server; null for AWS
 * @param pathStyleAccess whether buckets are addressed as a path (most S3-compatible servers need it)
 * @param accessKeyIdSecret name of the secret holding the access key id; null (with the other) for the SDK's
 *     default credentials chain (environment, profile, instance role)
 * @param secretAccessKeySecret name of the secret holding the secret access key; null with the other
 * @param encryption server-side encryption of the objects written
 */
public record S3Connection(
        String name,
        String region,
        URI endpoint,
        boolean pathStyleAccess,
        String accessKeyIdSecret,
        String secretAccessKeySecret,
        Encryption encryption) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Validates the connection. */
    public S3Connection {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("connection.name: must be 1-64 characters of [A-Za-z0-9._-], was "
                    + (name == null ? "null" : "'" + ObjectKeys.printable(name) + "'"));
        }
        region = region == null ? S3ArtifactStore.DEFAULT_REGION : region;
        if (!region.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException(
                    "connection." + name + ".region: must be 1-64 characters of a-z, 0-9 and '-', was '"
                            + ObjectKeys.printable(region) + "'");
        }
        if (endpoint != null
                && (!("https".equals(endpoint.getScheme()) || "http".equals(endpoint.getScheme()))
                        || endpoint.getHost() == null
                        || endpoint.getUserInfo() != null)) {
            throw new IllegalArgumentException("connection." + name
                    + ".endpoint: must be an http(s) URL with a host and no user info, was " + endpoint);
        }
        if ((accessKeyIdSecret == null) != (secretAccessKeySecret == null)) {
            throw new IllegalArgumentException("connection." + name
                    + ".accessKeyIdSecret: set both secret names or neither (default credentials chain)");
        }
        encryption = encryption == null ? Encryption.none() : encryption;
        Objects.requireNonNull(encryption);
    }

    /** A connection to AWS in {@code region} with the SDK's default credentials chain. */
    public static S3Connection aws(String name, String region) {
        return new S3Connection(name, region, null, false, null, null, Encryption.none());
    }

    /**
     * A connection to an S3-compatible server (path-style) with keys from the secret resolver.
     *
     * @param name connection name
     * @param endpoint e.g. {@code https://minio.internal:9000}
     * @param accessKeyIdSecret secret name of the access key id
     * @param secretAccessKeySecret secret name of the secret key
     */
    public static S3Connection compatible(
            String name, URI endpoint, String accessKeyIdSecret, String secretAccessKeySecret) {
        return new S3Connection(
                name,
                S3ArtifactStore.DEFAULT_REGION,
                endpoint,
                true,
                accessKeyIdSecret,
                secretAccessKeySecret,
                Encryption.none());
    }
}
