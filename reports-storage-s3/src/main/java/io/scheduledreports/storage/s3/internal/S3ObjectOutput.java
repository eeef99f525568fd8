package io.scheduledreports.storage.s3.internal;

import io.scheduledreports.spi.ArtifactOutput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Streams bytes into one S3 object. Below one part the object is a single PUT on commit; above, a multipart
 * upload starts when the first part is full, each full part is uploaded in the background while the next one
 * fills, and at most two part buffers exist at any time (the one filling and the one uploading). A failure, a
 * close without commit or an interrupt aborts the multipart upload, so neither an object nor an orphaned upload
 * is left behind.
 */
public final class S3ObjectOutput extends ArtifactOutput {
    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectOutput.class);
    private static final int FIRST_BUFFER = 64 * 1024;

    /** Everything the output needs to know about its target. */
    public record Target(
            S3Client s3,
            String bucket,
            String key,
            String contentType,
            int partSize,
            Consumer<PutObjectRequest.Builder> putSettings,
            Consumer<CreateMultipartUploadRequest.Builder> multipartSettings,
            Executor uploader) {}

    private final Target target;
    private byte[] buffer;
    private int filled;
    private byte[] spare;
    private long size;
    private String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    private CompletableFuture<CompletedPart> inFlight;
    private byte[] inFlightBuffer;
    private boolean done;

    /** Starts an output; nothing is sent before the first part is full or the output is committed. */
    public S3ObjectOutput(Target target) {
        this.target = target;
        this.buffer = new byte[Math.min(FIRST_BUFFER, target.partSize())];
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (filled == target.partSize()) {
            shipFullPart();
        }
        ensureRoom(1);
        buffer[filled++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            if (filled == target.partSize()) {
                shipFullPart();
            }
            int n = Math.min(len, target.partSize() - filled);
            ensureRoom(n);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            size += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public long commit() throws IOException {
        ensureOpen();
        done = true;
        try {
            if (uploadId == null) {
                byte[] bytes = buffer;
                int length = filled;
                PutObjectRequest.Builder put = PutObjectRequest.builder()
                        .bucket(target.bucket())
                        .key(target.key())
                        .contentType(target.contentType())
                        .contentLength((long) length);
                target.putSettings().accept(put);
                target.s3().putObject(put.build(), body(bytes, length));
            } else {
                awaitInFlight();
                if (filled > 0) {
                    startPart();
                    awaitInFlight();
                }
                target.s3()
                        .completeMultipartUpload(CompleteMultipartUploadRequest.builder()
                                .bucket(target.bucket())
                                .key(target.key())
                                .uploadId(uploadId)
                                .multipartUpload(CompletedMultipartUpload.builder()
                                        .parts(parts)
                                        .build())
                                .build());
            }
        } catch (SdkException e) {
            String operation = uploadId == null ? "PutObject" : "CompleteMultipartUpload";
            abortQuietly();
            throw failure(operation, e).io();
        } catch (IOException | RuntimeException | Error e) {
            abortQuietly();
            throw e;
        } finally {
            release();
        }
        return size;
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        abortQuietly();
        release();
    }

    /** Bytes written so far. */
    public long size() {
        return size;
    }

    private void ensureOpen() throws IOException {
        if (done) {
            throw new IOException("s3: object '" + target.key() + "' already committed or discarded");
        }
    }

    private void ensureRoom(int more) {
        if (buffer.length - filled >= more) {
            return;
        }
        int wanted = Math.min(target.partSize(), Math.max(buffer.length * 2, filled + more));
        buffer = java.util.Arrays.copyOf(buffer, wanted);
    }

    /** Sends the full buffer as the next part (waiting for the previous one first) and continues in another. */
    private void shipFullPart() throws IOException {
        try {
            if (uploadId == null) {
                CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
                        .bucket(target.bucket())
                        .key(target.key())
                        .contentType(target.contentType());
                target.multipartSettings().accept(create);
                uploadId = target.s3().createMultipartUpload(create.build()).uploadId();
            }
            awaitInFlight();
            startPart();
        } catch (SdkException e) {
            abortQuietly();
            done = true;
            release();
            S3StorageFailure failure = failure("UploadPart", e);
            throw failure.io();
        } catch (IOException | RuntimeException | Error e) {
            abortQuietly();
            done = true;
            release();
            throw e;
        }
    }

    private void startPart() {
        int partNumber = parts.size() + 1;
        byte[] bytes = buffer;
        int length = filled;
        UploadPartRequest request = UploadPartRequest.builder()
                .bucket(target.bucket())
                .key(target.key())
                .uploadId(uploadId)
                .partNumber(partNumber)
                .contentLength((long) length)
                .build();
        inFlightBuffer = bytes;
        inFlight = CompletableFuture.supplyAsync(
                () -> {
                    String eTag =
                            target.s3().uploadPart(request, body(bytes, length)).eTag();
                    return CompletedPart.builder()
                            .partNumber(partNumber)
                            .eTag(eTag)
                            .build();
                },
                target.uploader());
        buffer = spare != null ? spare : new byte[target.partSize()];
        spare = null;
        filled = 0;
    }

    private void awaitInFlight() throws IOException {
        if (inFlight == null) {
            return;
        }
        try {
            parts.add(inFlight.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("s3: upload of '" + target.key() + "' interrupted");
            io.initCause(e);
            throw io;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SdkException sdk) {
                throw failure("UploadPart", sdk).io();
            }
            throw new IOException(
                    "s3: upload of part " + (parts.size() + 1) + " of '" + target.key() + "' failed", cause);
        } finally {
            spare = inFlightBuffer.length == target.partSize() ? inFlightBuffer : null;
            inFlight = null;
            inFlightBuffer = null;
        }
    }

    private S3StorageFailure failure(String operation, SdkException e) {
        return new S3StorageFailure(S3Errors.wrap(operation, target.bucket(), target.key(), e));
    }

    private void abortQuietly() {
        if (inFlight != null) {
            try {
                inFlight.join();
            } catch (RuntimeException ignored) {
                // the part's own failure is reported elsewhere; the upload is aborted below either way
            }
            inFlight = null;
        }
        if (uploadId == null) {
            return;
        }
        String id = uploadId;
        uploadId = null;
        try {
            target.s3()
                    .abortMultipartUpload(AbortMultipartUploadRequest.builder()
                            .bucket(target.bucket())
                            .key(target.key())
                            .uploadId(id)
                            .build());
        } catch (SdkException e) {
            // A lifecycle rule "abort incomplete multipart uploads" is the backstop for this case (README).
            LOG.warn(
                    "Could not abort multipart upload {} of s3://{}/{}: {}",
                    id,
                    target.bucket(),
                    target.key(),
                    e.getMessage());
        }
    }

    private void release() {
        buffer = new byte[0];
        spare = null;
        filled = 0;
    }

    private static RequestBody body(byte[] bytes, int length) {
        return RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(bytes, 0, length), length, "application/octet-stream");
    }

    /** Carries an {@link io.scheduledreports.storage.s3.S3StorageException} through the IOException contract. */
    private record S3StorageFailure(io.scheduledreports.storage.s3.S3StorageException exception) {
        IOException io() {
            return new IOException(exception.getMessage(), exception);
        }
    }
}
