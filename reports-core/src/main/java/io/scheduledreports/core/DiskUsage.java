package io.scheduledreports.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The artifact store's space now, for health details, the admin API and capacity planning
 * ({@link ReportsAdmin#diskUsage(String)}).
 *
 * <p>Free and total space come from the store: a local directory reports its file system; object storage (S3)
 * cannot tell, so both are null there and only the library's own bytes are known. The library's bytes are the sizes
 * the executions recorded for the files still kept (not expired), so they are known for every store.
 *
 * @param at when this was measured
 * @param freeBytes bytes still free for new files, or null when the store cannot tell (object storage)
 * @param totalBytes size of the file system holding a local store, or null when unknown
 * @param artifactBytes bytes of the report files kept (of the tenant asked for, or of all tenants)
 * @param artifactFiles how many report files are kept
 * @param bytesByTenant bytes kept per tenant, largest first
 * @param next24h the space the runs due in the next 24 hours will need
 * @param largestConsumers the schedules keeping the most bytes, largest first (at most {@value #TOP})
 * @param retentionOptions what a shorter file retention would free, shortest retention last
 */
public record DiskUsage(
        Instant at,
        Long freeBytes,
        Long totalBytes,
        long artifactBytes,
        long artifactFiles,
        Map<String, Long> bytesByTenant,
        Estimate next24h,
        List<ScheduleUsage> largestConsumers,
        List<RetentionOption> retentionOptions) {

    /** How many schedules {@link #largestConsumers()} names at most. */
    public static final int TOP = 5;

    /** Copies the collections (the tenant map keeps its order). */
    public DiskUsage {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(next24h, "next24h");
        bytesByTenant = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bytesByTenant));
        largestConsumers = List.copyOf(largestConsumers);
        retentionOptions = List.copyOf(retentionOptions);
    }

    /**
     * The estimated space of the runs due in the next 24 hours: for each active schedule, the average size of its
     * files of the last 30 days times its runs in the window; a schedule without files yet counts with the average
     * file size of all its tenant's schedules (0 when there is none).
     *
     * @param bytes estimated bytes
     * @param runs runs due in the window
     * @param schedules active schedules with at least one run in the window
     * @param schedulesWithoutHistory of those, schedules without a file of their own in the last 30 days
     */
    public record Estimate(long bytes, long runs, int schedules, int schedulesWithoutHistory) {}

    /**
     * A schedule's kept files.
     *
     * @param tenantId its tenant
     * @param scheduleId the schedule
     * @param name the schedule's name
     * @param bytes bytes of its kept files
     * @param files how many files it keeps
     */
    public record ScheduleUsage(String tenantId, String scheduleId, String name, long bytes, long files) {}

    /**
     * What keeping files for {@code keepFilesFor} (instead of the configured retention) would free now.
     *
     * @param keepFilesFor the shorter file retention
     * @param bytesFreed bytes of the kept files older than that
     * @param filesFreed how many files
     */
    public record RetentionOption(Duration keepFilesFor, long bytesFreed, long filesFreed) {}
}
