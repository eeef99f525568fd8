package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scheduledreports.core.DiskSample;
import io.scheduledreports.core.DiskUsage;
import java.util.List;

/**
 * Disk space as an admin sees it: the store's free space and daily trend (shared by every tenant) and the files of
 * the admin's own tenant.
 */
record DiskView(
        @JsonProperty("free_bytes") Long freeBytes,
        @JsonProperty("total_bytes") Long totalBytes,
        @JsonProperty("stored_bytes") long storedBytes,
        @JsonProperty("stored_files") long storedFiles,
        @JsonProperty("next_24h") Estimate next24h,
        @JsonProperty("largest_consumers") List<Consumer> largestConsumers,
        @JsonProperty("retention_options") List<Retention> retentionOptions,
        List<Sample> trend) {

    record Estimate(
            @JsonProperty("estimate_bytes") long estimateBytes,
            long runs,
            int schedules,
            @JsonProperty("schedules_without_history") int schedulesWithoutHistory) {}

    record Consumer(
            @JsonProperty("schedule_id") String scheduleId,
            String name,
            @JsonProperty("stored_bytes") long storedBytes,
            long files) {}

    record Retention(
            @JsonProperty("keep_days") long keepDays,
            @JsonProperty("bytes_freed") long bytesFreed,
            @JsonProperty("files_freed") long filesFreed) {}

    record Sample(
            String day,
            @JsonProperty("sampled_at") String sampledAt,
            @JsonProperty("free_bytes") Long freeBytes,
            @JsonProperty("total_bytes") Long totalBytes,
            @JsonProperty("artifact_bytes") long artifactBytes,
            @JsonProperty("artifact_files") long artifactFiles) {}

    static DiskView of(DiskUsage u, List<DiskSample> trend) {
        return new DiskView(
                u.freeBytes(),
                u.totalBytes(),
                u.artifactBytes(),
                u.artifactFiles(),
                new Estimate(
                        u.next24h().bytes(),
                        u.next24h().runs(),
                        u.next24h().schedules(),
                        u.next24h().schedulesWithoutHistory()),
                u.largestConsumers().stream()
                        .map(c -> new Consumer(c.scheduleId(), c.name(), c.bytes(), c.files()))
                        .toList(),
                u.retentionOptions().stream()
                        .map(o -> new Retention(o.keepFilesFor().toDays(), o.bytesFreed(), o.filesFreed()))
                        .toList(),
                trend.stream()
                        .map(s -> new Sample(
                                s.day().toString(),
                                s.sampledAt().toString(),
                                s.freeBytes(),
                                s.totalBytes(),
                                s.artifactBytes(),
                                s.artifactFiles()))
                        .toList());
    }
}
