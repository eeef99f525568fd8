package io.scheduledreports.storage.s3;

import io.scheduledreports.spi.ArtifactOutput;
import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spi.Durations;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.storage.s3.internal.ObjectKeys;
import io.scheduledreports.storage.s3.internal.S3Clients;
import io.scheduledreports.storage.s3.internal.S3Errors;
import io.scheduledreports.storage.s3.internal.S3ObjectOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;

/**
 * An {@link ArtifactStore} on S3-compatible object storage, so every instance of a cluster reads the files any
 * instance wrote. Objects are named {@code {keyPrefix}/{tenant}/{yyyy}/{mm}/{execution-id}/{file-name}}: the
 * engine's key ({@code yyyy/mm} of the execution's scheduled time in UTC) below the prefix. The store refuses to
 * write any key outside that layout and any segment outside {@code [A-Za-z0-9._-]} (no {@code ..}, no control
 * characters, at most 128 characters each); it still reads and deletes keys of the earlier layout
 * {@code {tenant}/{schedule-id}/{execution-id}-aN.{ext}}.
 *
 * <p>Writes stream: below {@linkplain Builder#partSize(int) one part} a file is a single PUT on commit, above it
 * a multipart upload with at most two part buffers in memory. A failure or a discarded output aborts the upload.
 * Failures are {@link S3StorageException}s whose category decides retries.
 *
 * <pre>{@code
 * S3ArtifactStore store = S3ArtifactStore.builder()
 *         .bucket("reports")
 *         .keyPrefix("prod")
 *         .region("eu-central-1")
 *         .build();
 * store.verifyAccess(); // fail start-up if the bucket is missing or not writable
 * }</pre>
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {

    /** Default part size of multipart uploads: 8 MiB. */
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

    /** Smallest part size S3 accepts for every part but the last: 5 MiB. */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    /** Largest part size this store buffers: 256 MiB. */
    public static final int MAX_PART_SIZE = 256 * 1024 * 1024;

    /** Default region, used by most S3-compatible servers whatever their location. */
    public static final String DEFAULT_REGION = "us-east-1";

    /** Default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Default timeout of one request attempt (a part upload included). */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);

    /** Longest validity of a presigned URL S3 accepts (SigV4): 7 days. */
    public static final Duration MAX_PRESIGN_VALIDITY = Duration.ofDays(7);

    private static final Logger LOG = LoggerFactory.getLogger(S3ArtifactStore.class);

    private static final Pattern STORAGE_CLASS = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final String bucket;
    private final String keyPrefix;
    private final Encryption encryption;
    private final String storageClass;
    private final int partSize;
    private final Duration maxPresignValidity;
    private final boolean presignedDownloadLinks;
    private final AtomicBoolean presignTooLongLogged = new AtomicBoolean();
    private final S3Client s3;
    private final boolean ownsClient;
    private final S3Clients.Settings settings;
    private final ExecutorService uploader;
    private volatile S3Presigner presigner;

    private S3ArtifactStore(Builder b) {
        this.bucket = b.bucket;
        this.keyPrefix = b.keyPrefix;
        this.encryption = b.encryption;
        this.storageClass = b.storageClass;
        this.partSize = b.partSize;
        this.maxPresignValidity = b.maxPresignValidity;
        this.presignedDownloadLinks = b.presignedDownloadLinks;
        this.settings = new S3Clients.Settings(
                b.region,
                b.endpoint,
                b.pathStyleAccess,
                b.credentials != null
                        ? b.credentials
                        : DefaultCredentialsProvider.builder().build(),
                b.connectTimeout,
                b.requestTimeout);
        this.ownsClient = b.client == null;
        this.s3 = b.client != null ? b.client : S3Clients.client(settings, b.customizer);
        this.uploader = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("s3-part-upload-", 0).factory());
    }

    /** A builder; {@link Builder#bucket(String)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The bucket. */
    public String bucket() {
        return bucket;
    }

    /** The key prefix without slashes; empty for none. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** The part size of multipart uploads in bytes. */
    public int partSize() {
        return partSize;
    }

    /**
     * The object key a store key maps to: the prefix and the key, which must follow the layout
     * {@code {tenant}/{yyyy}/{mm}/{execution-id}/{file-name}} (or the earlier layout, still readable).
     *
     * @throws IllegalArgumentException if the key is malformed or outside the layouts
     */
    public String objectKey(String key) {
        return objectKey(key, true);
    }

    private String objectKey(String key, boolean legacyToo) {
        ObjectKeys.requireArtifactKey("artifact key", key, legacyToo);
        String full = keyPrefix.isEmpty() ? key : keyPrefix + "/" + key;
        if (full.length() > ObjectKeys.MAX_KEY) {
            throw new IllegalArgumentException("artifact key: with the prefix at most " + ObjectKeys.MAX_KEY
                    + " characters, was " + full.length());
        }
        return full;
    }

    @Override
    public ArtifactOutput create(String key) {
        String objectKey = objectKey(key, false);
        return new S3ObjectOutput(new S3ObjectOutput.Target(
                s3, bucket, objectKey, contentType(key), partSize, this::applyTo, this::applyTo, uploader));
    }

    @Override
    public InputStream open(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            return s3.getObject(
                    GetObjectRequest.builder().bucket(bucket).key(objectKey).build());
        } catch (NoSuchKeyException e) {
            NoSuchFileException missing =
                    new NoSuchFileException(key, null, "no object s3://" + bucket + "/" + objectKey);
            missing.initCause(e);
            throw missing;
        } catch (SdkException e) {
            throw S3Errors.wrap("GetObject", bucket, objectKey, e);
        }
    }

    /** Deletes the object; a missing object is not an error (returns false). */
    @Override
    public boolean delete(String key) {
        String objectKey = objectKey(key);
        boolean existed = exists(key);
        try {
            s3.deleteObject(
                    DeleteObjectRequest.builder().bucket(bucket).key(objectKey).build());
        } catch (SdkException e) {
            throw S3Errors.wrap("DeleteObject", bucket, objectKey, e);
        }
        return existed;
    }

    /**
     * Aborts the incomplete multipart uploads under this store's prefix that were initiated before
     * {@code olderThan}: uploads of generations whose process was killed before it could complete or abort them.
     * S3 keeps (and bills) their parts until they are aborted; a bucket lifecycle rule
     * ({@code AbortIncompleteMultipartUpload}) does the same on the server side.
     */
    @Override
    public int sweepIncomplete(Instant olderThan) {
        String prefix = keyPrefix.isEmpty() ? "" : keyPrefix + "/";
        int aborted = 0;
        try {
            var pages = s3.listMultipartUploadsPaginator(
                    software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest.builder()
                            .bucket(bucket)
                            .prefix(prefix)
                            .build());
            for (var upload : pages.uploads()) {
                if (upload.initiated() != null && upload.initiated().isBefore(olderThan)) {
                    s3.abortMultipartUpload(
                            software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest.builder()
                                    .bucket(bucket)
                                    .key(upload.key())
                                    .uploadId(upload.uploadId())
                                    .build());
                    aborted++;
                }
            }
        } catch (SdkException e) {
            throw S3Errors.wrap("ListMultipartUploads", bucket, prefix, e);
        }
        return aborted;
    }

    @Override
    public boolean exists(String key) {
        String objectKey = objectKey(key);
        try {
            s3.headObject(
                    HeadObjectRequest.builder().bucket(bucket).key(objectKey).build());
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !isNoSuchBucket(e)) {
                return false;
            }
            throw S3Errors.wrap("HeadObject", bucket, objectKey, e);
        } catch (SdkException e) {
            throw S3Errors.wrap("HeadObject", bucket, objectKey, e);
        }
    }

    /**
     * A presigned GET URL for a committed file, so a large file can be fetched straight from the storage service
     * instead of through the host. The validity is capped at the store's {@linkplain
     * Builder#maxPresignValidity(Duration) maximum}.
     *
     * @param key the store key
     * @param fileName the file name offered to the downloader ({@code Content-Disposition}); may be null
     * @param validity how long the URL works; capped
     * @return the URL
     */
    public URI presignedGet(String key, String fileName, Duration validity) {
        Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity: must be positive, was " + Durations.format(validity));
        }
        Duration capped = validity.compareTo(maxPresignValidity) > 0 ? maxPresignValidity : validity;
        GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(bucket).key(objectKey(key));
        if (fileName != null) {
            get.responseContentDisposition("attachment; filename=\"" + ObjectKeys.sanitise(fileName) + "\"");
        }
        try {
            return presigner()
                    .presignGetObject(GetObjectPresignRequest.builder()
                            .signatureDuration(capped)
                            .getObjectRequest(get.build())
                            .build())
                    .url()
                    .toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("presigned URL is not a URI", e);
        }
    }

    /**
     * With {@linkplain Builder#presignedDownloadLinks(boolean) presigned download links} on, a presigned GET URL
     * valid for {@code validity}, which the engine puts in e-mails instead of its own link; empty when they are
     * off or {@code validity} exceeds the {@linkplain Builder#maxPresignValidity(Duration) maximum} (then the
     * engine's link is used and a warning logged once: shorten the download link validity).
     */
    @Override
    public Optional<URI> presignedUrl(String key, String fileName, Duration validity) {
        if (!presignedDownloadLinks) {
            return Optional.empty();
        }
        Objects.requireNonNull(validity, "validity");
        if (validity.compareTo(maxPresignValidity) > 0) {
            if (presignTooLongLogged.compareAndSet(false, true)) {
                LOG.warn(
                        "Presigned download links: a link valid for {} exceeds maxPresignValidity {}; the engine's"
                                + " own download link is used. Set the download link validity to at most {}.",
                        validity,
                        maxPresignValidity,
                        maxPresignValidity);
            }
            return Optional.empty();
        }
        return Optional.of(presignedGet(key, fileName, validity));
    }

    /** Whether e-mail links are presigned URLs of this store ({@link #presignedUrl}). */
    public boolean presignedDownloadLinks() {
        return presignedDownloadLinks;
    }

    /**
     * The start-up check: the bucket exists and a small probe object can be written and deleted.
     *
     * @throws S3StorageException of category {@link ErrorCategory#CONFIGURATION} naming {@code bucket} when the
     *     bucket is missing or not writable, or {@link ErrorCategory#NETWORK} when the endpoint does not answer
     */
    public void verifyAccess() {
        try {
            s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
        } catch (SdkException e) {
            S3StorageException wrapped = S3Errors.wrap("HeadBucket", bucket, null, e);
            throw new S3StorageException(
                    wrapped.category(),
                    "bucket: '" + bucket + "' is not reachable: " + wrapped.getMessage(),
                    bucket,
                    null,
                    wrapped.statusCode(),
                    wrapped.errorCode(),
                    e);
        }
        String probe = (keyPrefix.isEmpty() ? "" : keyPrefix + "/") + "_probe/" + UUID.randomUUID();
        try {
            PutObjectRequest.Builder put =
                    PutObjectRequest.builder().bucket(bucket).key(probe).contentType("text/plain");
            applyTo(put);
            s3.putObject(put.build(), RequestBody.fromString("probe", StandardCharsets.US_ASCII));
            s3.deleteObject(
                    DeleteObjectRequest.builder().bucket(bucket).key(probe).build());
        } catch (SdkException e) {
            S3StorageException wrapped = S3Errors.wrap("PutObject", bucket, probe, e);
            throw new S3StorageException(
                    wrapped.category(),
                    "bucket: '" + bucket + "' is not writable: " + wrapped.getMessage(),
                    bucket,
                    probe,
                    wrapped.statusCode(),
                    wrapped.errorCode(),
                    e);
        }
    }

    /**
     * A cheap reachability check for health indicators: the bucket exists and the credentials may see it
     * ({@code HeadBucket}; nothing is written).
     *
     * @throws S3StorageException when the bucket cannot be reached
     */
    public void checkBucket() {
        try {
            s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
        } catch (SdkException e) {
            throw S3Errors.wrap("HeadBucket", bucket, null, e);
        }
    }

    /** The endpoint override, or null for AWS. */
    public URI endpoint() {
        return settings.endpoint();
    }

    /** Closes the SDK client (unless the host supplied it) and the presigner. */
    @Override
    public void close() {
        uploader.close();
        if (ownsClient) {
            s3.close();
        }
        S3Presigner p = presigner;
        if (p != null) {
            p.close();
        }
    }

    @Override
    public String toString() {
        return "S3ArtifactStore[s3://" + bucket + (keyPrefix.isEmpty() ? "" : "/" + keyPrefix) + "]";
    }

    private S3Presigner presigner() {
        S3Presigner p = presigner;
        if (p == null) {
            synchronized (this) {
                p = presigner;
                if (p == null) {
                    p = S3Clients.presigner(settings);
                    presigner = p;
                }
            }
        }
        return p;
    }

    private void applyTo(PutObjectRequest.Builder put) {
        switch (encryption.mode()) {
            case S3 -> put.serverSideEncryption(ServerSideEncryption.AES256);
            case KMS -> put.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(encryption.kmsKeyId());
            case NONE -> {}
        }
        if (storageClass != null) {
            put.storageClass(storageClass);
        }
    }

    private void applyTo(CreateMultipartUploadRequest.Builder create) {
        switch (encryption.mode()) {
            case S3 -> create.serverSideEncryption(ServerSideEncryption.AES256);
            case KMS ->
                create.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(encryption.kmsKeyId());
            case NONE -> {}
        }
        if (storageClass != null) {
            create.storageClass(storageClass);
        }
    }

    private static boolean isNoSuchBucket(S3Exception e) {
        return e.awsErrorDetails() != null
                && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }

    private static String contentType(String key) {
        String lower = key.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return "text/csv";
        }
        if (lower.endsWith(".xlsx")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        if (lower.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (lower.endsWith(".zip")) {
            return "application/zip";
        }
        if (lower.endsWith(".gz")) {
            return "application/gzip";
        }
        return "application/octet-stream";
    }

    /**
     * Settings of an {@link S3ArtifactStore}; each setter validates its value on the spot and a second call
     * of the same setter is refused.
     */
    public static final class Builder {
        private String bucket;
        private String keyPrefix = "";
        private String region = DEFAULT_REGION;
        private URI endpoint;
        private boolean pathStyleAccess;
        private AwsCredentialsProvider credentials;
        private Encryption encryption = Encryption.none();
        private String storageClass;
        private int partSize = DEFAULT_PART_SIZE;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration maxPresignValidity = MAX_PRESIGN_VALIDITY;
        private boolean presignedDownloadLinks;
        private S3Client client;
        private Consumer<S3ClientBuilder> customizer = b -> {};
        private final Set<String> set = new HashSet<>();

        private Builder() {}

        private void once(String field) {
            if (!set.add(field)) {
                throw new IllegalStateException(field + ": already set");
            }
        }

        /** The bucket (required). */
        public Builder bucket(String bucket) {
            once("bucket");
            this.bucket = ObjectKeys.requireBucket("bucket", bucket);
            return this;
        }

        /** A prefix for every key, e.g. {@code prod/reports}; segments of {@code [A-Za-z0-9._-]}. */
        public Builder keyPrefix(String keyPrefix) {
            once("keyPrefix");
            this.keyPrefix = ObjectKeys.requirePrefix("keyPrefix", keyPrefix);
            return this;
        }

        /** The region (default {@value #DEFAULT_REGION}). */
        public Builder region(String region) {
            once("region");
            if (region == null || !region.matches("[a-z0-9-]{1,64}")) {
                throw new IllegalArgumentException("region: must be 1-64 characters of a-z, 0-9 and '-', was "
                        + (region == null ? "null" : "'" + ObjectKeys.printable(region) + "'"));
            }
            this.region = region;
            return this;
        }

        /** The endpoint of an S3-compatible server, e.g. {@code https://minio.internal:9000}; AWS when unset. */
        public Builder endpoint(URI endpoint) {
            once("endpoint");
            Objects.requireNonNull(endpoint, "endpoint");
            if (!"https".equals(endpoint.getScheme()) && !"http".equals(endpoint.getScheme())
                    || endpoint.getHost() == null) {
                throw new IllegalArgumentException("endpoint: must be an http(s) URL with a host, was " + endpoint);
            }
            if (endpoint.getUserInfo() != null || endpoint.getQuery() != null) {
                throw new IllegalArgumentException("endpoint: must not carry user info or a query");
            }
            this.endpoint = endpoint;
            return this;
        }

        /** Whether to address buckets as a path ({@code host/bucket/key}); most S3-compatible servers need it. */
        public Builder pathStyleAccess(boolean pathStyleAccess) {
            once("pathStyleAccess");
            this.pathStyleAccess = pathStyleAccess;
            return this;
        }

        /** The credentials (default: the SDK's default chain: environment, profile, container, instance). */
        public Builder credentialsProvider(AwsCredentialsProvider credentials) {
            once("credentialsProvider");
            this.credentials = Objects.requireNonNull(credentials, "credentialsProvider");
            return this;
        }

        /** Server-side encryption of every object (default: none, the bucket default applies). */
        public Builder serverSideEncryption(Encryption encryption) {
            once("serverSideEncryption");
            this.encryption = Objects.requireNonNull(encryption, "serverSideEncryption");
            return this;
        }

        /** The storage class of every object, e.g. {@code STANDARD_IA} (default: the bucket's). */
        public Builder storageClass(String storageClass) {
            once("storageClass");
            if (storageClass == null || !STORAGE_CLASS.matcher(storageClass).matches()) {
                throw new IllegalArgumentException("storageClass: must be upper-case letters, digits and '_', was "
                        + (storageClass == null ? "null" : "'" + ObjectKeys.printable(storageClass) + "'"));
            }
            this.storageClass = storageClass;
            return this;
        }

        /**
         * The part size of multipart uploads (default 8 MiB, between {@link #MIN_PART_SIZE} and {@link
         * #MAX_PART_SIZE}); at most two parts are held in memory per file being written.
         */
        public Builder partSize(int bytes) {
            once("partSize");
            if (bytes < MIN_PART_SIZE || bytes > MAX_PART_SIZE) {
                throw new IllegalArgumentException("partSize: must be between " + MIN_PART_SIZE + " and "
                        + MAX_PART_SIZE + " bytes, was " + bytes);
            }
            this.partSize = bytes;
            return this;
        }

        /** Connect timeout (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            once("connectTimeout");
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /** Timeout of one request attempt, a part upload included (default 2 min). */
        public Builder requestTimeout(Duration timeout) {
            once("requestTimeout");
            this.requestTimeout = positive("requestTimeout", timeout);
            return this;
        }

        /** Longest validity of a presigned URL (default and maximum 7 days); set it to the link validity. */
        public Builder maxPresignValidity(Duration validity) {
            once("maxPresignValidity");
            Duration v = positive("maxPresignValidity", validity);
            if (v.compareTo(MAX_PRESIGN_VALIDITY) > 0) {
                throw new IllegalArgumentException("maxPresignValidity: must be at most "
                        + Durations.format(MAX_PRESIGN_VALIDITY) + ", was " + Durations.format(v));
            }
            this.maxPresignValidity = v;
            return this;
        }

        /**
         * Whether the engine's download links (e-mails above the attachment limit) are presigned GET URLs of this
         * store, so large files are fetched from the storage service instead of through the host (default false:
         * the engine's own signed links). Needs the engine's download links configured: their validity, capped
         * at the file's retention end, is the URL's validity and must not exceed {@link
         * #maxPresignValidity(Duration)}. A presigned URL cannot be revoked before it expires.
         */
        public Builder presignedDownloadLinks(boolean presignedDownloadLinks) {
            once("presignedDownloadLinks");
            this.presignedDownloadLinks = presignedDownloadLinks;
            return this;
        }

        /**
         * Uses the host's own client instead of building one (then region, endpoint, path style, credentials,
         * timeouts and the customizer must not be set; presigned URLs still use them). The store does not close
         * it.
         */
        public Builder client(S3Client client) {
            once("client");
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Adjusts the SDK client builder after our settings (interceptors, metrics, retry strategy). */
        public Builder clientCustomizer(Consumer<S3ClientBuilder> customizer) {
            once("clientCustomizer");
            this.customizer = Objects.requireNonNull(customizer, "clientCustomizer");
            return this;
        }

        /**
         * Builds the store (no request is sent; call {@link S3ArtifactStore#verifyAccess()} to check the bucket).
         *
         * @throws IllegalStateException when the bucket is missing or the settings conflict
         */
        public S3ArtifactStore build() {
            if (bucket == null) {
                throw new IllegalStateException("bucket: required, was not set");
            }
            if (client != null) {
                for (String f : java.util.List.of("connectTimeout", "requestTimeout", "clientCustomizer")) {
                    if (set.contains(f)) {
                        throw new IllegalStateException(f + ": not applicable with client(S3Client)");
                    }
                }
            }
            return new S3ArtifactStore(this);
        }

        private static Duration positive(String field, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(field + ": must be positive, was " + Durations.format(d));
            }
            return d;
        }
    }
}
