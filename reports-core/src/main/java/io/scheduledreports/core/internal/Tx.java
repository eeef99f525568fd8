package io.scheduledreports.core.internal;

import io.scheduledreports.jdbc.internal.TransactionBoundDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionException;

/**
 * Our transactions: READ COMMITTED on every database, with the connection bound to the thread so that
 * db-scheduler task rows written through the {@link TransactionBoundDataSource} join the same transaction.
 *
 * <p>Asking a driver for the isolation level costs a round trip on PostgreSQL ({@code SHOW TRANSACTION ISOLATION
 * LEVEL}), and doing it before and after every transaction was 30 of the 70 statements the engine sent per report.
 * So a physical connection found at READ COMMITTED is remembered (weakly) and not asked again; a connection at
 * another level is switched for the transaction and switched back afterwards, every time.
 */
final class Tx {
    private final Jdbi jdbi;
    private final TransactionBoundDataSource bridge;
    /** Physical connections seen at READ COMMITTED (keys are the pool's delegates, never its proxies). */
    private final Map<Connection, Boolean> readCommitted = Collections.synchronizedMap(new WeakHashMap<>());

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
        try (Handle handle = jdbi.open()) {
            Connection connection = handle.getConnection();
            int restore = ensureReadCommitted(connection);
            T result;
            try {
                result = handle.inTransaction(h -> {
                    try (TransactionBoundDataSource.Binding ignored = bridge.bind(h.getConnection())) {
                        return work.withHandle(h);
                    }
                });
            } catch (RuntimeException | Error failure) {
                try {
                    restore(connection, restore);
                } catch (RuntimeException second) {
                    failure.addSuppressed(second); // the transaction's own failure is the one to report
                }
                throw failure;
            }
            restore(connection, restore);
            return result;
        }
    }

    private static void restore(Connection connection, int level) {
        if (level == NOTHING_TO_RESTORE) {
            return;
        }
        try {
            connection.setTransactionIsolation(level);
        } catch (SQLException e) {
            throw new TransactionException("could not restore the connection's isolation level", e);
        }
    }

    /** Runs {@code work} in one transaction. */
    public void useTx(java.util.function.Consumer<Handle> work) {
        inTx(h -> {
            work.accept(h);
            return null;
        });
    }

    /**
     * Runs one statement that is atomic by itself (a conditional UPDATE, say) in autocommit, which saves the
     * separate COMMIT round trip of {@link #inTx}. On a connection the pool hands out with autocommit off, it
     * runs in a transaction instead.
     */
    public <T> T single(HandleCallback<T, RuntimeException> statement) {
        return jdbi.withHandle(h -> {
            boolean autoCommit;
            try {
                autoCommit = h.getConnection().getAutoCommit();
            } catch (SQLException e) {
                throw new TransactionException("could not read the connection's autocommit mode", e);
            }
            return autoCommit ? statement.withHandle(h) : h.inTransaction(statement);
        });
    }

    /** Runs a read outside any explicit transaction. */
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        return jdbi.withHandle(work);
    }

    private static final int NOTHING_TO_RESTORE = -1;

    /** Switches the connection to READ COMMITTED if it is not; returns the level to restore, or -1. */
    private int ensureReadCommitted(Connection connection) {
        try {
            Connection physical = physical(connection);
            if (physical != null && readCommitted.containsKey(physical)) {
                return NOTHING_TO_RESTORE;
            }
            int level = connection.getTransactionIsolation();
            if (level == Connection.TRANSACTION_READ_COMMITTED) {
                if (physical != null) {
                    readCommitted.put(physical, Boolean.TRUE);
                }
                return NOTHING_TO_RESTORE;
            }
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            return level;
        } catch (SQLException e) {
            throw new TransactionException("could not set the connection to READ COMMITTED", e);
        }
    }

    /**
     * The pooled connection's physical delegate, or null when the pool does not reveal one (then nothing is
     * remembered: a proxy may stand for a different physical connection next time).
     */
    private static Connection physical(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(Connection.class)) {
            return null;
        }
        Connection inner = connection.unwrap(Connection.class);
        return inner == connection ? null : inner;
    }
}
