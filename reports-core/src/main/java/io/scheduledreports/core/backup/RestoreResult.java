package io.scheduledreports.core.backup;

import java.time.Instant;
import java.util.Map;

/**
 * What a restore loaded.
 *
 * @param schemaVersion schema version of the archive
 * @param archiveCreatedAt when the archive was written
 * @param sourceDatabase the database it was written from (H2, POSTGRESQL, MARIADB)
 * @param rowsByTable rows inserted per table (names without prefix), in load order
 * @param timersArmed active schedules whose timer was armed at their stored {@code next_run_at}
 * @param generationsQueued unfinished generations queued again
 * @param deliveriesQueued unfinished deliveries queued again
 */
public record RestoreResult(
        int schemaVersion,
        Instant archiveCreatedAt,
        String sourceDatabase,
        Map<String, Long> rowsByTable,
        long timersArmed,
        long generationsQueued,
        long deliveriesQueued) {

    /** Total rows inserted. */
    public long rows() {
        return rowsByTable.values().stream().mapToLong(Long::longValue).sum();
    }
}
