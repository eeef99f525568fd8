package io.scheduledreports.core.internal;

import io.scheduledreports.jdbc.TransactionBoundDataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Our transactions: READ COMMITTED on every database, with the connection bound to the thread so that
 * db-scheduler task rows written through the {@link TransactionBoundDataSource} join the same transaction.
 */
public final class Tx {
    private final Jdbi jdbi;
    private final TransactionBoundDataSource bridge;

    /**
     * Creates the helper.
     *
     * @param jdbi jdbi on the real data source
     * @param bridge the bridge db-scheduler's client writes through
     */
    public Tx(Jdbi jdbi, TransactionBoundDataSource bridge) {
        this.jdbi = jdbi;
        this.bridge = bridge;
    }

    /** Runs {@code work} in one transaction and returns its result. */
    public <T> T inTx(HandleCallback<T, RuntimeException> work) {
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
            try (TransactionBoundDataSource.Binding ignored = bridge.bind(h.getConnection())) {
                return work.withHandle(h);
            }
        });
    }

    /** Runs {@code work} in one transaction. */
    public void useTx(java.util.function.Consumer<Handle> work) {
        inTx(h -> {
            work.accept(h);
            return null;
        });
    }

    /** Runs a read outside any explicit transaction. */
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        return jdbi.withHandle(work);
    }
}
