/** Backup and restore of the library's tables at scale ({@code BackupRestoreBenchmark}). */
package io.scheduledreports.benchmarks.backup;
