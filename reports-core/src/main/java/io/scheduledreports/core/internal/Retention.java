package io.scheduledreports.core.internal;

import io.scheduledreports.core.ExecutionStatus;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.internal.Rows.ExecutionRow;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily retention job: deletes files whose retention ended and marks their executions EXPIRED (history rows
 * stay), then purges execution rows older than the history retention whose file is gone. A file that cannot be
 * deleted keeps its execution unexpired (and its row unpurged), so the next run tries again and no file is
 * orphaned. Works in batches; safe to run on any instance, and again after a crash.
 */
final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final int BATCH = 500;

    private final Engine engine;

    Retention(Engine engine) {
        this.engine = engine;
    }

    /** Runs one pass. */
    ScheduledReports.RetentionResult run() {
        Instant now = engine.config.clock().instant();
        long expired = 0;
        long failed = 0;
        List<ExecutionRow> batch;
        long expiredInBatch;
        do {
            batch = engine.tx.read(h -> engine.executionTable.expiredArtifacts(h, now, BATCH));
            expiredInBatch = 0;
            for (ExecutionRow e : batch) {
                try {
                    engine.config.artifactStore().delete(e.artifactKey());
                } catch (IOException | RuntimeException ex) {
                    LOG.warn(
                            "Could not delete expired artifact {} of execution {}; the next retention run tries again",
                            e.artifactKey(),
                            e.id(),
                            ex);
                    failed++;
                    continue;
                }
                engine.tx.useTx(h -> engine.executionTable.setExecutionStatus(h, e.id(), ExecutionStatus.EXPIRED, now));
                expiredInBatch++;
            }
            expired += expiredInBatch;
            // a full batch of files that cannot be deleted would come back forever: stop until the next run
        } while (batch.size() == BATCH && expiredInBatch > 0);
        Instant historyCutoff = now.minus(engine.config.retention().historyRetention());
        long purged = 0;
        int n;
        do {
            n = engine.tx.inTx(h -> engine.executionTable.purgeExecutions(h, historyCutoff, BATCH));
            purged += n;
        } while (n == BATCH);
        if (expired + purged + failed > 0) {
            LOG.info(
                    "Retention: {} artifacts expired, {} could not be deleted (kept for the next run), {} executions"
                            + " older than {} purged",
                    expired,
                    failed,
                    purged,
                    historyCutoff);
        }
        return new ScheduledReports.RetentionResult(expired, purged);
    }
}
