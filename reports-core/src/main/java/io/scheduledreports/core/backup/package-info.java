/**
 * Portable, encrypted backups of the library's own tables: {@link io.scheduledreports.core.backup.BackupSettings}
 * (key, daily task, retention), the archives written ({@link io.scheduledreports.core.backup.BackupArchive}) and
 * what a restore did ({@link io.scheduledreports.core.backup.RestoreResult}). The operations are on
 * {@link io.scheduledreports.core.ReportsAdmin}.
 */
package io.scheduledreports.core.backup;
