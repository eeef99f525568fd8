package io.scheduledreports.core.backup;

import java.time.Instant;

/**
 * One backup the library wrote (or tried to): the metadata kept in the {@code backup_archives} table.
 *
 * @param id the backup's id
 * @param archiveKey where the archive is in the artifact store (open it with the store, or restore it by this key)
 * @param status VERIFIED (written, read back and its digest checked) or FAILED
 * @param manual whether an operator asked for it ({@code backupNow}) rather than the daily task
 * @param schemaVersion the schema version of the tables it holds
 * @param rows rows in the archive, or 0 when it failed
 * @param sizeBytes bytes of the encrypted archive, or 0 when it failed
 * @param sha256 hex SHA-256 of the encrypted archive, or null when it failed
 * @param error why it failed, or null
 * @param startedAt when it started
 * @param finishedAt when it was verified or failed
 */
public record BackupArchive(
        String id,
        String archiveKey,
        Status status,
        boolean manual,
        int schemaVersion,
        long rows,
        long sizeBytes,
        String sha256,
        String error,
        Instant startedAt,
        Instant finishedAt) {

    /** Outcome of a backup. */
    public enum Status {
        /** Written, read back, digest and every encrypted segment checked. */
        VERIFIED,
        /** Not usable; see {@link BackupArchive#error()}. */
        FAILED
    }
}
