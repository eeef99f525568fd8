package io.scheduledreports.storage.s3;

import java.util.Objects;

/**
 * Server-side encryption requested for every object the store or the channel writes.
 *
 * @param mode none, SSE-S3 ({@code AES256}) or SSE-KMS ({@code aws:kms})
 * @param kmsKeyId the KMS key id or ARN for SSE-KMS; null for the bucket's or account's default key
 */
public record Encryption(Mode mode, String kmsKeyId) {

    /** The kinds of server-side encryption. */
    public enum Mode {
        /** No encryption header; the bucket's default applies. */
        NONE,
        /** SSE-S3: keys managed by the storage service ({@code x-amz-server-side-encryption: AES256}). */
        S3,
        /** SSE-KMS: keys in the key management service ({@code x-amz-server-side-encryption: aws:kms}). */
        KMS
    }

    /** Validates the settings. */
    public Encryption {
        Objects.requireNonNull(mode, "mode");
        if (kmsKeyId != null && kmsKeyId.isBlank()) {
            kmsKeyId = null;
        }
        if (kmsKeyId != null && mode != Mode.KMS) {
            throw new IllegalArgumentException(
                    "serverSideEncryption.kmsKeyId: only allowed with mode KMS, was mode " + mode);
        }
        if (kmsKeyId != null && (kmsKeyId.length() > 2048 || kmsKeyId.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException(
                    "serverSideEncryption.kmsKeyId: must be at most 2048 printable characters");
        }
    }

    /** No server-side encryption header (the bucket default applies). */
    public static Encryption none() {
        return new Encryption(Mode.NONE, null);
    }

    /** SSE-S3 (AES-256, keys managed by the storage service). */
    public static Encryption s3Managed() {
        return new Encryption(Mode.S3, null);
    }

    /**
     * SSE-KMS.
     *
     * @param keyId KMS key id or ARN; null for the default key
     */
    public static Encryption kms(String keyId) {
        return new Encryption(Mode.KMS, keyId);
    }
}
