package io.scheduledreports.core.backup;

import java.util.Objects;

/** A backup or restore that could not be done; {@link #reason()} says why, the message says what to do. */
public class BackupException extends RuntimeException {

    /** Why. */
    public enum Reason {
        /** No backup key is configured. */
        NOT_CONFIGURED,
        /** The input is not a backup archive of this library. */
        NOT_AN_ARCHIVE,
        /** The archive was written in a newer archive format or schema version than this library reads. */
        TOO_NEW,
        /** The key does not open this archive. */
        WRONG_KEY,
        /** The archive was altered or cut short (a segment fails authentication, or data is missing). */
        DAMAGED,
        /** Restore needs empty tables and found rows. */
        TARGET_NOT_EMPTY,
        /** The database or the artifact store failed. */
        FAILED
    }

    private final Reason reason;

    /**
     * An exception.
     *
     * @param reason why
     * @param message what happened and what to do
     * @param cause the underlying error, or null
     */
    public BackupException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * An exception without a cause.
     *
     * @param reason why
     * @param message what happened and what to do
     */
    public BackupException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }
}
