package io.scheduledreports.core;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One day of the disk trend ({@link ReportsAdmin#diskTrend(int)}): the engine records exactly one sample per UTC
 * day across all instances (the first instance's maintenance run of the day), and keeps {@value #KEPT_DAYS} days.
 *
 * @param day the UTC day
 * @param sampledAt when it was measured
 * @param instance the instance that measured it
 * @param artifactBytes bytes of the report files kept then (all tenants)
 * @param artifactFiles how many files
 * @param freeBytes free bytes of the store then, or null when the store cannot tell (object storage)
 * @param totalBytes size of the file system of a local store, or null when unknown
 */
public record DiskSample(
        LocalDate day,
        Instant sampledAt,
        String instance,
        long artifactBytes,
        long artifactFiles,
        Long freeBytes,
        Long totalBytes) {

    /** How many days of samples are kept. */
    public static final int KEPT_DAYS = 90;
}
