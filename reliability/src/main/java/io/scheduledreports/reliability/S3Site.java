package io.scheduledreports.reliability;

import io.scheduledreports.benchmarks.harness.BenchS3;
import io.scheduledreports.benchmarks.harness.Logging;
import io.scheduledreports.storage.s3.S3ArtifactStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The object storage of a run against the S3 store: an S3Proxy in the runner process (so it outlives the engine
 * instances it serves), on loopback, whose buckets are directories under a temporary directory, with the AWS SDK
 * client the runner uses for the backup copy and the checks. The engines reach it through {@link Target}.
 */
final class S3Site implements AutoCloseable {
    /** Access key of the runner's S3Proxy (loopback only, a throwaway server). */
    static final String ACCESS_KEY = "reliability-access-key";
    /** Secret key of the runner's S3Proxy. */
    static final String SECRET_KEY = "reliability-secret-key";

    private final S3Proxy proxy;
    private final S3Client client;

    /**
     * Where an engine writes its files: a bucket and key prefix on an S3 endpoint.
     *
     * @param endpoint e.g. {@code http://127.0.0.1:41234}
     * @param bucket the bucket
     * @param keyPrefix the store's key prefix (every object is below {@code keyPrefix/})
     */
    record Target(URI endpoint, String bucket, String keyPrefix) {

        /** The engine's store on this target (path-style addressing, the runner's keys). */
        S3ArtifactStore store() {
            return S3ArtifactStore.builder()
                    .endpoint(endpoint)
                    .pathStyleAccess(true)
                    .credentialsProvider(credentials())
                    .bucket(bucket)
                    .keyPrefix(keyPrefix)
                    .build();
        }
    }

    private S3Site(S3Proxy proxy) {
        this.proxy = proxy;
        this.client = BenchS3.client(endpoint(), ACCESS_KEY, SECRET_KEY);
    }

    /** Starts S3Proxy on a free loopback port with its buckets under {@code directory}. */
    static S3Site start(Path directory) throws Exception {
        Files.createDirectories(directory);
        // the runner's client logs every request below WARN
        Logging.level("software.amazon.awssdk", "WARN");
        Logging.level("org.apache.hc", "WARN");
        return new S3Site(BenchS3.startProxy(
                new FilesystemNio2BlobStore(directory.toString()),
                ACCESS_KEY,
                SECRET_KEY,
                Duration.ofMinutes(2))); // slow on a loaded machine
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** The endpoint, {@code http://127.0.0.1:<port>}. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Creates a bucket; returns the target of {@code keyPrefix} in it. */
    Target bucket(String bucket, String keyPrefix) {
        client.createBucket(b -> b.bucket(bucket));
        return new Target(endpoint(), bucket, keyPrefix);
    }

    /** The keys of the objects below {@code target}'s prefix. */
    List<String> keys(Target target) {
        List<String> keys = new ArrayList<>();
        client.listObjectsV2Paginator(r -> r.bucket(target.bucket()).prefix(target.keyPrefix() + "/"))
                .contents()
                .forEach(o -> keys.add(o.key()));
        return keys;
    }

    /**
     * What {@link #copyPrefix} did.
     *
     * @param copied objects copied
     * @param gone objects listed that were gone when copied (deleted, or S3Proxy's temporary file of a write in
     *     progress, which its file system store lists)
     */
    record Copy(long copied, long gone) {}

    /**
     * The backup of the files: copies every object below {@code from}'s prefix to the same key in {@code to}'s
     * bucket (server-side {@code CopyObject}, as {@code aws s3 sync s3://site/prefix s3://backup/prefix} does).
     * Incomplete multipart uploads are not objects and are not copied; an object that is gone by the time it is
     * copied is skipped: it was written or deleted after the dump, which therefore does not refer to it.
     */
    Copy copyPrefix(Target from, Target to) {
        if (!from.keyPrefix().equals(to.keyPrefix())) {
            throw new IllegalArgumentException("the copy keeps the keys: prefixes must match");
        }
        long copied = 0;
        long gone = 0;
        for (S3Object o : client.listObjectsV2Paginator(
                        r -> r.bucket(from.bucket()).prefix(from.keyPrefix() + "/"))
                .contents()) {
            try {
                client.copyObject(r -> r.sourceBucket(from.bucket())
                        .sourceKey(o.key())
                        .destinationBucket(to.bucket())
                        .destinationKey(o.key()));
                copied++;
            } catch (NoSuchKeyException e) {
                gone++;
            }
        }
        return new Copy(copied, gone);
    }

    /** Deletes every object below {@code target}'s prefix (the lost site's storage); returns how many. */
    long deleteAll(Target target) {
        List<String> keys = keys(target);
        keys.forEach(k -> client.deleteObject(r -> r.bucket(target.bucket()).key(k)));
        return keys.size();
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
