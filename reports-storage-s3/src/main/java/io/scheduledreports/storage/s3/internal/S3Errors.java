package io.scheduledreports.storage.s3.internal;

import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.storage.s3.S3StorageException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Classifies SDK failures into {@link ErrorCategory}s and turns them into {@link S3StorageException}s. */
public final class S3Errors {

    /** 4xx codes that a retry can cure. */
    private static final Set<String> TRANSIENT_CODES = Set.of(
            "SlowDown",
            "Throttling",
            "ThrottlingException",
            "RequestTimeout",
            "RequestTimeTooSkewed",
            "OperationAborted",
            "InternalError",
            "ServiceUnavailable");

    private S3Errors() {}

    /** The category of an SDK failure. */
    public static ErrorCategory classify(SdkException e) {
        if (e instanceof AwsServiceException service) {
            int status = service.statusCode();
            String code = errorCode(service);
            if (service.isThrottlingException()
                    || status >= 500
                    || status == 408
                    || status == 429
                    || (code != null && TRANSIENT_CODES.contains(code))) {
                return ErrorCategory.NETWORK;
            }
            return ErrorCategory.CONFIGURATION; // 400/401/403/404 (NoSuchBucket) and the like: fix, then retry
        }
        if (e instanceof SdkClientException
                && e.getMessage() != null
                && e.getMessage().contains("Unable to load credentials")) {
            return ErrorCategory.CONFIGURATION;
        }
        return ErrorCategory.NETWORK; // no answer: refused, reset, timed out
    }

    /**
     * The failure as an {@link S3StorageException}.
     *
     * @param operation what was attempted, e.g. {@code PutObject}
     * @param bucket the bucket
     * @param key the key, may be null
     * @param e the SDK's exception
     */
    public static S3StorageException wrap(String operation, String bucket, String key, SdkException e) {
        ErrorCategory category = classify(e);
        int status = e instanceof AwsServiceException s ? s.statusCode() : 0;
        String code = e instanceof AwsServiceException s ? errorCode(s) : null;
        String what = operation + (key == null ? "" : " of '" + key + "'") + " in bucket '" + bucket + "'";
        String why = status == 0
                ? "no answer (" + firstLine(e.getMessage()) + ")"
                : status + (code == null ? "" : " " + code) + describe(category, code);
        return new S3StorageException(category, "s3: " + what + " failed: " + why, bucket, key, status, code, e);
    }

    private static String describe(ErrorCategory category, String code) {
        if (category != ErrorCategory.CONFIGURATION) {
            return "; will be retried";
        }
        if ("NoSuchBucket".equals(code)) {
            return "; the bucket does not exist, check the bucket setting";
        }
        return "; check the bucket, endpoint, region and credentials settings";
    }

    private static String errorCode(AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        return details == null ? null : details.errorCode();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
