package io.scheduledreports.spring;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * S3-compatible storage of report files ({@code scheduled-reports.storage.s3.*}) and the {@code s3} delivery
 * channel ({@code scheduled-reports.storage.s3.channel.*}). Needs {@code reports-storage-s3} on the classpath.
 */
@ConfigurationProperties("scheduled-reports.storage.s3")
public class ScheduledReportsS3Properties {

    /** Bucket of the report files; setting it switches the artifact store to S3. */
    private String bucket;

    /** Prefix of every object key, e.g. "prod/reports". */
    private String keyPrefix;

    /** Region of the bucket. */
    private String region = "us-east-1";

    /** Endpoint of an S3-compatible server (MinIO, R2, Ceph...); AWS when unset. */
    private URI endpoint;

    /** Whether to address buckets as a path (host/bucket/key); most S3-compatible servers need it. */
    private boolean pathStyleAccess;

    /** Access key id; the SDK's default credentials chain (environment, profile, role) when unset. */
    private String accessKeyId;

    /** Secret access key; set it from the environment or a vault, never in a committed file. */
    private String secretAccessKey;

    /** Server-side encryption of the objects: none, s3 (SSE-S3) or kms (SSE-KMS). */
    private Sse serverSideEncryption = Sse.NONE;

    /** KMS key id or ARN for SSE-KMS; the default key when unset. */
    private String kmsKeyId;

    /** Storage class of the objects, e.g. STANDARD_IA; the bucket's default when unset. */
    private String storageClass;

    /** Part size of multipart uploads (5MB-256MB); at most two parts per file being written are in memory. */
    private DataSize partSize = DataSize.ofMegabytes(8);

    /** Connect timeout. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** Timeout of one request attempt, a part upload included. */
    private Duration requestTimeout = Duration.ofMinutes(2);

    /**
     * Whether e-mail download links are presigned GET URLs of the bucket instead of the library's own signed
     * links, so large files do not flow through the host. Needs download links configured; their validity (at most
     * 7 days), capped at the file's retention end, is the URL's validity.
     */
    private boolean presignedDownloadLinks;

    /** Whether start-up checks that the bucket exists and is writable (a probe object written and deleted). */
    private boolean verifyOnStartup = true;

    /** How long the health indicator reuses its last bucket check. */
    private Duration healthCacheTtl = Duration.ofSeconds(30);

    /** The s3 delivery channel. */
    private final Channel channel = new Channel();

    /** Server-side encryption modes. */
    public enum Sse {
        /** No header; the bucket's default applies. */
        NONE,
        /** SSE-S3 (AES256). */
        S3,
        /** SSE-KMS. */
        KMS
    }

    /** Settings of the {@code s3} delivery channel. */
    public static class Channel {

        /** Named connections recipients use (option "connection"); the channel is registered when one is set. */
        private Map<String, Connection> connections = new LinkedHashMap<>();

        /** Buckets each tenant may deliver into, by tenant id; "*" for every tenant. */
        private Map<String, List<String>> allowedBuckets = new LinkedHashMap<>();

        /** Default object name template. */
        private String objectName = "{schedule}/{date}/{file_name}";

        public Map<String, Connection> getConnections() {
            return this.connections;
        }

        public void setConnections(Map<String, Connection> connections) {
            this.connections = connections;
        }

        public Map<String, List<String>> getAllowedBuckets() {
            return this.allowedBuckets;
        }

        public void setAllowedBuckets(Map<String, List<String>> allowedBuckets) {
            this.allowedBuckets = allowedBuckets;
        }

        public String getObjectName() {
            return this.objectName;
        }

        public void setObjectName(String objectName) {
            this.objectName = objectName;
        }
    }

    /** One named connection of the channel; credentials are secret names for the SecretResolver bean. */
    public static class Connection {

        /** Region. */
        private String region = "us-east-1";

        /** Endpoint of an S3-compatible server; AWS when unset. */
        private URI endpoint;

        /** Whether to address buckets as a path. */
        private boolean pathStyleAccess;

        /** Name of the secret holding the access key id; the default chain when unset. */
        private String accessKeyIdSecret;

        /** Name of the secret holding the secret access key. */
        private String secretAccessKeySecret;

        /** Server-side encryption of the objects this connection writes: none, s3 (SSE-S3) or kms (SSE-KMS). */
        private Sse serverSideEncryption = Sse.NONE;

        /** KMS key id or ARN for SSE-KMS; the account's default key when unset. */
        private String kmsKeyId;

        public Sse getServerSideEncryption() {
            return this.serverSideEncryption;
        }

        public void setServerSideEncryption(Sse serverSideEncryption) {
            this.serverSideEncryption = serverSideEncryption;
        }

        public String getKmsKeyId() {
            return this.kmsKeyId;
        }

        public void setKmsKeyId(String kmsKeyId) {
            this.kmsKeyId = kmsKeyId;
        }

        public String getRegion() {
            return this.region;
        }

        public void setRegion(String region) {
            this.region = region;
        }

        public URI getEndpoint() {
            return this.endpoint;
        }

        public void setEndpoint(URI endpoint) {
            this.endpoint = endpoint;
        }

        public boolean isPathStyleAccess() {
            return this.pathStyleAccess;
        }

        public void setPathStyleAccess(boolean pathStyleAccess) {
            this.pathStyleAccess = pathStyleAccess;
        }

        public String getAccessKeyIdSecret() {
            return this.accessKeyIdSecret;
        }

        public void setAccessKeyIdSecret(String accessKeyIdSecret) {
            this.accessKeyIdSecret = accessKeyIdSecret;
        }

        public String getSecretAccessKeySecret() {
            return this.secretAccessKeySecret;
        }

        public void setSecretAccessKeySecret(String secretAccessKeySecret) {
            this.secretAccessKeySecret = secretAccessKeySecret;
        }
    }

    public String getBucket() {
        return this.bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getKeyPrefix() {
        return this.keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public String getRegion() {
        return this.region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public URI getEndpoint() {
        return this.endpoint;
    }

    public void setEndpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    public boolean isPathStyleAccess() {
        return this.pathStyleAccess;
    }

    public void setPathStyleAccess(boolean pathStyleAccess) {
        this.pathStyleAccess = pathStyleAccess;
    }

    public String getAccessKeyId() {
        return this.accessKeyId;
    }

    public void setAccessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
    }

    public String getSecretAccessKey() {
        return this.secretAccessKey;
    }

    public void setSecretAccessKey(String secretAccessKey) {
        this.secretAccessKey = secretAccessKey;
    }

    public Sse getServerSideEncryption() {
        return this.serverSideEncryption;
    }

    public void setServerSideEncryption(Sse serverSideEncryption) {
        this.serverSideEncryption = serverSideEncryption;
    }

    public String getKmsKeyId() {
        return this.kmsKeyId;
    }

    public void setKmsKeyId(String kmsKeyId) {
        this.kmsKeyId = kmsKeyId;
    }

    public String getStorageClass() {
        return this.storageClass;
    }

    public void setStorageClass(String storageClass) {
        this.storageClass = storageClass;
    }

    public DataSize getPartSize() {
        return this.partSize;
    }

    public void setPartSize(DataSize partSize) {
        this.partSize = partSize;
    }

    public Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
        return this.requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public boolean isPresignedDownloadLinks() {
        return this.presignedDownloadLinks;
    }

    public void setPresignedDownloadLinks(boolean presignedDownloadLinks) {
        this.presignedDownloadLinks = presignedDownloadLinks;
    }

    public boolean isVerifyOnStartup() {
        return this.verifyOnStartup;
    }

    public void setVerifyOnStartup(boolean verifyOnStartup) {
        this.verifyOnStartup = verifyOnStartup;
    }

    public Duration getHealthCacheTtl() {
        return this.healthCacheTtl;
    }

    public void setHealthCacheTtl(Duration healthCacheTtl) {
        this.healthCacheTtl = healthCacheTtl;
    }

    public Channel getChannel() {
        return this.channel;
    }
}
