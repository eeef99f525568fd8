package io.scheduledreports.core;

import io.scheduledreports.core.backup.BackupArchive;
import io.scheduledreports.core.backup.BackupException;
import io.scheduledreports.core.backup.RestoreResult;
import io.scheduledreports.core.internal.Backups;
import io.scheduledreports.core.internal.Operations;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Operator views across tenants. The library does not know the host's operators: the host decides who may
 * reach these (the Spring Boot starter requires the admin role and restricts admins to their own tenant).
 */
public final class ReportsAdmin {
    private final Operations operations;
    private final Backups backups;

    ReportsAdmin(Operations operations, Backups backups) {
        this.operations = operations;
        this.backups = backups;
    }

    /**
     * Schedules of one tenant, or of all tenants.
     *
     * @param tenantId a tenant, or null for every tenant
     * @param query filters and page
     * @return the page
     */
    public Page<ScheduledReport> schedules(String tenantId, ScheduleQuery query) {
        return operations.list(tenantId, query == null ? ScheduleQuery.all() : query);
    }

    /**
     * Dead letters of one tenant, or of all tenants.
     *
     * @param tenantId a tenant, or null for every tenant
     * @param query filters and page
     * @return the page
     */
    public Page<DeadLetter> deadLetters(String tenantId, DeadLetterQuery query) {
        return operations.deadLetters(tenantId, query == null ? DeadLetterQuery.unresolved() : query);
    }

    /**
     * Execution statistics of one tenant, or of all tenants.
     *
     * @param tenantId a tenant, or null for every tenant
     * @return counts by status, success rates over 24 h / 7 d / 30 d, average duration
     */
    public ExecutionStats stats(String tenantId) {
        return operations.stats(tenantId);
    }

    /**
     * Backs up the library's tables now (as the daily task does): writes an encrypted, compressed archive into the
     * artifact store, reads it back to verify its digest and content, records it and deletes archives past the
     * retention. Failures are logged, recorded as FAILED and published to {@code ReportsListener#backupFailed}.
     *
     * @return the verified archive
     * @throws BackupException NOT_CONFIGURED without {@code Builder.backup(..)}, FAILED when it could not be written
     *     or verified
     */
    public BackupArchive backupNow() {
        return backups.backup(true);
    }

    /**
     * The recorded backups, newest first (verified and failed).
     *
     * @param limit at most this many, 1 to 1,000
     * @return the backups
     */
    public List<BackupArchive> backups(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new io.scheduledreports.spi.ReportsValidationException("limit", "must be 1-1000, was " + limit);
        }
        return backups.list(limit);
    }

    /**
     * Loads an archive into this instance's schema, which must be empty (a new database or table prefix; the
     * schema is created or upgraded first). The archive may come from any supported database. Everything is
     * inserted in one transaction; the timers of active schedules are armed at their stored {@code next_run_at},
     * so slots already executed before the backup do not run again, and unfinished generations and deliveries are
     * queued again. Run it before other instances start working on the schema.
     *
     * @param archive the archive's bytes (read to the end; the caller closes it)
     * @param key the Base64 key the archive was written with
     * @return what was loaded
     * @throws BackupException WRONG_KEY, DAMAGED (altered or truncated), NOT_AN_ARCHIVE, TOO_NEW (written by a newer
     *     schema), TARGET_NOT_EMPTY or FAILED; in every case nothing was written
     */
    public RestoreResult restore(InputStream archive, String key) {
        return backups.restore(archive, key);
    }

    /**
     * Restores an archive read from this instance's artifact store, by its key (see {@link #backups(int)}).
     *
     * @param archiveKey the archive's key in the store
     * @param key the Base64 key the archive was written with
     * @return what was loaded
     * @throws BackupException as {@link #restore(InputStream, String)}, or FAILED when the store cannot open it
     */
    public RestoreResult restoreFromStore(String archiveKey, String key) {
        try (InputStream in = backups.open(archiveKey)) {
            return backups.restore(in, key);
        } catch (IOException e) {
            throw new BackupException(
                    BackupException.Reason.FAILED, "archiveKey: cannot read '" + archiveKey + "': " + e, e);
        }
    }
}
