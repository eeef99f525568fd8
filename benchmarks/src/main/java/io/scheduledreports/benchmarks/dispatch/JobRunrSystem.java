package io.scheduledreports.benchmarks.dispatch;

import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.benchmarks.harness.Timeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobBuilder;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

/**
 * JobRunr (OSS) with its SQL storage provider on the same database (its own tables under the trial's prefix,
 * created by JobRunr's migrations): one no-op job per item, all enqueued at the release with JobRunr's batch API
 * (see {@link #release}). An item is complete when its job ran.
 *
 * <p>Same worker count as the others ({@code andWorkerCount}); the polling interval is the others' but at least
 * {@link #MIN_POLL} ({@code andPollInterval}): JobRunr OSS refuses anything shorter ("The smallest supported
 * pollInterval is 5 seconds"), so a burst released between two polls waits up to 5 s for its first job. Everything
 * else at JobRunr's defaults (a job's life is ENQUEUED, PROCESSING, SUCCEEDED, each a versioned write of its JSON
 * document).
 */
final class JobRunrSystem implements BenchSystem {

    /** The job: the node's activator hands every execution this node's instance. */
    public static final class NoopJob {
        private final Timeline timeline;

        NoopJob(Timeline timeline) {
            this.timeline = timeline;
        }

        /** Runs the no-op job: records its completion. */
        public void run() {
            timeline.record();
        }
    }

    /** JobRunr OSS's smallest polling interval. */
    static final Duration MIN_POLL = Duration.ofSeconds(5);

    /** JobRunr's table prefix: its own table names ({@code jobrunr_jobs}, ...) follow it. */
    static String tablePrefix(String prefix) {
        return prefix;
    }

    static String jobsTable(String prefix) {
        return tablePrefix(prefix) + "jobrunr_jobs";
    }

    private static StorageProvider storage(javax.sql.DataSource pool, String prefix, DatabaseOptions options) {
        StorageProvider storage = SqlStorageProviderFactory.using(pool, tablePrefix(prefix), options);
        storage.setJobMapper(new JobMapper(new JacksonJsonMapper()));
        return storage;
    }

    private final Map<BenchSystem.Batch, Integer> sizes = new java.util.EnumMap<>(BenchSystem.Batch.class);
    private final Map<String, Object> releaseMs = new LinkedHashMap<>();

    @Override
    public void prepare(BenchDatabase db, String prefix, Path artifacts, int warmup, int measured) {
        try (HikariDataSource pool = db.pool("setup-" + prefix, 2)) {
            storage(pool, prefix, DatabaseOptions.CREATE).close(); // JobRunr's own migrations
        }
        sizes.put(BenchSystem.Batch.WARMUP, warmup);
        sizes.put(BenchSystem.Batch.MEASURED, measured);
    }

    /**
     * Creates the batch's jobs as enqueued, with JobRunr's batch API ({@code JobScheduler.create(Stream)}). Unlike
     * the other peers' one-statement release of rows inserted beforehand, JobRunr's inserts fall inside the
     * measurement: its jobs keep their schedule in a JSON document next to the {@code scheduledAt} column, and moving
     * the column alone did not release them reliably. The origin is the start of the call; the time the call took is
     * reported with the trial ({@code releaseMs}).
     */
    @Override
    public long release(BenchDatabase db, String prefix, BenchSystem.Batch batch) {
        int n = sizes.getOrDefault(batch, 0);
        try (HikariDataSource pool = db.pool("release-" + prefix, 2)) {
            StorageProvider storage = storage(pool, prefix, DatabaseOptions.SKIP_CREATE);
            try {
                JobScheduler scheduler = new JobScheduler(storage);
                long origin = System.currentTimeMillis();
                if (n > 0) {
                    scheduler.create(IntStream.range(0, n)
                            .mapToObj(i -> JobBuilder.aJob().<NoopJob>withDetails(job -> job.run())));
                }
                releaseMs.put(batch.name().toLowerCase(java.util.Locale.ROOT), System.currentTimeMillis() - origin);
                return origin;
            } finally {
                storage.close();
            }
        }
    }

    @Override
    public Map<String, Object> verify(BenchDatabase db, String prefix, int measured) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (String state : new String[] {"SCHEDULED", "ENQUEUED", "PROCESSING", "SUCCEEDED", "FAILED"}) {
            facts.put(
                    state.toLowerCase(java.util.Locale.ROOT),
                    db.count("SELECT COUNT(*) FROM " + jobsTable(prefix) + " WHERE state = '" + state + "'"));
        }
        facts.put("releaseMs", new LinkedHashMap<>(releaseMs));
        // each job's run is counted by the node (DispatchBenchmark checks the count); here: none failed or was left
        facts.put(
                "ok",
                (Long) facts.get("scheduled") == 0
                        && (Long) facts.get("enqueued") == 0
                        && (Long) facts.get("failed") == 0);
        return facts;
    }

    /** The polling interval JobRunr gets for the others' {@code pollingMs}. */
    static Duration pollInterval(long pollingMs) {
        Duration d = Duration.ofMillis(pollingMs);
        return d.compareTo(MIN_POLL) < 0 ? MIN_POLL : d;
    }

    @Override
    public BenchSystem.Instance start(NodeSpec spec) {
        return new Running(spec);
    }

    private static final class Running extends BenchSystem.Instance {
        private final HikariDataSource pool;
        private final StorageProvider storage;
        private final BackgroundJobServer server;

        Running(NodeSpec spec) {
            super(spec);
            this.pool =
                    BenchSystem.database(spec).pool(spec.name(), spec.poolSize(), BenchSystem.applicationName(spec));
            this.storage = storage(pool, spec.prefix(), DatabaseOptions.SKIP_CREATE);
            NoopJob job = new NoopJob(timeline);
            JobActivator activator = new JobActivator() {
                @Override
                public <T> T activateJob(Class<T> type) {
                    return type.cast(job);
                }
            };
            this.server = new BackgroundJobServer(
                    storage,
                    new JacksonJsonMapper(),
                    activator,
                    BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                            .andName(spec.name())
                            .andWorkerCount(spec.threads())
                            .andPollInterval(pollInterval(spec.pollingMs())));
            server.start();
        }

        @Override
        void stop() {
            try {
                server.stop();
            } finally {
                try {
                    storage.close();
                } finally {
                    pool.close();
                }
            }
        }
    }
}
