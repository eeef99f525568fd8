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

    private final EngineConfig config;
    private final Tx tx;
    private final ExecutionTable executions;

    Retention(EngineConfig config, Tx tx, ExecutionTable executions) {
        this.config = config;
        this.tx = tx;
        this.executions = executions;
    }

    /** Runs one pass. */
    ScheduledReports.RetentionResult run() {
        Instant now = config.clock().instant();
        long expired = 0;
        long failed = 0;
        List<ExecutionRow> batch;
        long expiredInBatch;
        do {
            batch = tx.read(h -> executions.expiredArtifacts(h, now, BATCH));
            expiredInBatch = 0;
            for (ExecutionRow e : batch) {
                try {
                    config.artifactStore().delete(e.artifactKey());
                } catch (IOException | RuntimeException ex) {
                    LOG.warn(
                            "Could not delete expired artifact {} of execution {}; the next retention run tries again",
                            e.artifactKey(),
                            e.id(),
                            ex);
                    failed++;
                    continue;
                }
                tx.useTx(h -> executions.setExecutionStatus(h, e.id(), ExecutionStatus.EXPIRED, now));
                expiredInBatch++;
            }
            expired += expiredInBatch;
            // a full batch of files that cannot be deleted would come back forever: stop until the next run
        } while (batch.size() == BATCH && expiredInBatch > 0);
        Instant historyCutoff = now.minus(config.retention().historyRetention());
        long purged = 0;
        int n;
        do {
            n = tx.inTx(h -> executions.purgeExecutions(h, historyCutoff, BATCH));
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
