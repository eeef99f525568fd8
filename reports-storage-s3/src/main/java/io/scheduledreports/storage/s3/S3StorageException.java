package io.scheduledreports.storage.s3;

import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsException;

/**
 * An S3 request failed. The {@linkplain #category() category} says whether a retry can help: access denied,
 * bad credentials and a missing bucket are {@link ErrorCategory#CONFIGURATION}; server errors (5xx),
 * throttling, timeouts and unreachable endpoints are {@link ErrorCategory#NETWORK}.
 */
public class S3StorageException extends ReportsException {
    private static final long serialVersionUID = 1L;

    private final String bucket;
    private final String key;
    private final int statusCode;
    private final String errorCode;

    /**
     * Creates the exception.
     *
     * @param category why it failed
     * @param message what failed, naming the bucket and key
     * @param bucket the bucket
     * @param key the object key, may be null for bucket-level requests
     * @param statusCode the HTTP status, 0 when no response was received
     * @param errorCode the S3 error code ({@code AccessDenied}, {@code NoSuchBucket}), may be null
     * @param cause the SDK's exception
     */
    public S3StorageException(
            ErrorCategory category,
            String message,
            String bucket,
            String key,
            int statusCode,
            String errorCode,
            Throwable cause) {
        super(category, message, cause);
        this.bucket = bucket;
        this.key = key;
        this.statusCode = statusCode;
        this.errorCode = errorCode;
    }

    /** The bucket of the failed request. */
    public String bucket() {
        return bucket;
    }

    /** The object key of the failed request; null for bucket-level requests. */
    public String key() {
        return key;
    }

    /** The HTTP status of the response; 0 when none was received. */
    public int statusCode() {
        return statusCode;
    }

    /** The S3 error code, e.g. {@code AccessDenied}; null when none was received. */
    public String errorCode() {
        return errorCode;
    }
}
