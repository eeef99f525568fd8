package io.scheduledreports.spring.internal.s3;

import io.scheduledreports.spi.SecretResolver;
import io.scheduledreports.spring.ScheduledReportsS3Properties;
import io.scheduledreports.spring.internal.InvalidPropertyException;
import io.scheduledreports.storage.s3.Encryption;
import io.scheduledreports.storage.s3.S3ArtifactStore;
import io.scheduledreports.storage.s3.S3Connection;
import io.scheduledreports.storage.s3.S3DeliveryChannel;
import io.scheduledreports.storage.s3.S3StorageException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Builds the S3 store and channel from {@code scheduled-reports.storage.s3.*}, naming the property on errors. */
public final class S3StorageFactory {

    /** The property prefix. */
    public static final String PREFIX = "scheduled-reports.storage.s3.";

    private S3StorageFactory() {}

    /** The store; checks the bucket when {@code verify-on-startup} is on. */
    public static S3ArtifactStore store(ScheduledReportsS3Properties p) {
        S3ArtifactStore.Builder b = S3ArtifactStore.builder();
        apply("bucket", () -> b.bucket(p.getBucket()));
        if (p.getKeyPrefix() != null) {
            apply("key-prefix", () -> b.keyPrefix(p.getKeyPrefix()));
        }
        apply("region", () -> b.region(p.getRegion()));
        if (p.getEndpoint() != null) {
            apply("endpoint", () -> b.endpoint(p.getEndpoint()));
        }
        b.pathStyleAccess(p.isPathStyleAccess());
        if ((p.getAccessKeyId() == null) != (p.getSecretAccessKey() == null)) {
            throw new InvalidPropertyException(
                    PREFIX + "access-key-id",
                    "must be set together with secret-access-key (or neither, for the default credentials chain)",
                    null);
        }
        if (p.getAccessKeyId() != null) {
            b.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(p.getAccessKeyId(), p.getSecretAccessKey())));
        }
        apply("kms-key-id", () -> b.serverSideEncryption(encryption(p.getServerSideEncryption(), p.getKmsKeyId())));
        if (p.getStorageClass() != null) {
            apply("storage-class", () -> b.storageClass(p.getStorageClass()));
        }
        apply(
                "part-size",
                () -> b.partSize(
                        (int) Math.min(Integer.MAX_VALUE, p.getPartSize().toBytes())));
        apply("connect-timeout", () -> b.connectTimeout(p.getConnectTimeout()));
        apply("request-timeout", () -> b.requestTimeout(p.getRequestTimeout()));
        b.presignedDownloadLinks(p.isPresignedDownloadLinks());
        S3ArtifactStore store = b.build();
        if (p.isVerifyOnStartup()) {
            try {
                store.verifyAccess();
            } catch (S3StorageException e) {
                store.close();
                throw new InvalidPropertyException(
                        PREFIX + "bucket",
                        e.getMessage().substring("bucket: ".length())
                                + " (check also endpoint, region and the credentials; or set verify-on-startup=false)",
                        e);
            }
        }
        return store;
    }

    /** The channel, from the named connections, the allowlist and the host's secret resolver. */
    public static S3DeliveryChannel channel(ScheduledReportsS3Properties p, SecretResolver secrets) {
        ScheduledReportsS3Properties.Channel c = p.getChannel();
        S3DeliveryChannel.Builder b = S3DeliveryChannel.builder().secrets(secrets);
        for (Map.Entry<String, ScheduledReportsS3Properties.Connection> e :
                c.getConnections().entrySet()) {
            ScheduledReportsS3Properties.Connection conn = e.getValue();
            String prefix = "channel.connections." + e.getKey() + ".";
            Encryption encryption;
            try {
                encryption = encryption(conn.getServerSideEncryption(), conn.getKmsKeyId());
            } catch (IllegalArgumentException ex) {
                throw new InvalidPropertyException(PREFIX + prefix + "kms-key-id", afterField(ex.getMessage()), ex);
            }
            apply(
                    "channel.connections." + e.getKey(),
                    () -> b.connection(new S3Connection(
                            e.getKey(),
                            conn.getRegion(),
                            conn.getEndpoint(),
                            conn.isPathStyleAccess(),
                            conn.getAccessKeyIdSecret(),
                            conn.getSecretAccessKeySecret(),
                            encryption)));
        }
        for (Map.Entry<String, List<String>> e : c.getAllowedBuckets().entrySet()) {
            apply(
                    "channel.allowed-buckets." + e.getKey(),
                    () -> b.allowBuckets(e.getKey(), e.getValue().toArray(String[]::new)));
        }
        apply("channel.object-name", () -> b.objectName(c.getObjectName()));
        return b.build();
    }

    /** The encryption of a server-side-encryption mode and an optional KMS key id. */
    private static Encryption encryption(ScheduledReportsS3Properties.Sse mode, String kmsKeyId) {
        return switch (mode == null ? ScheduledReportsS3Properties.Sse.NONE : mode) {
            case NONE -> new Encryption(Encryption.Mode.NONE, kmsKeyId);
            case S3 -> new Encryption(Encryption.Mode.S3, kmsKeyId);
            case KMS -> Encryption.kms(kmsKeyId);
        };
    }

    private static void apply(String property, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException(PREFIX + property, afterField(e.getMessage()), e);
        }
    }

    /** The message without its leading {@code field: }. */
    private static String afterField(String message) {
        int colon = message == null ? -1 : message.indexOf(": ");
        return colon < 0 ? String.valueOf(message) : message.substring(colon + 2);
    }
}
