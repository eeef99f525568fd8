package io.scheduledreports.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.jdbc.Dialect;
import io.scheduledreports.jdbc.internal.ReportsJdbi;
import io.scheduledreports.jdbc.internal.TransactionBoundDataSource;
import io.scheduledreports.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our transactions run at READ COMMITTED whatever level the host's pool hands out, and leave the connection at that
 * level afterwards, also when the work fails; connections already at READ COMMITTED are remembered, not re-asked.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class TxTest {
    @Parameter
    TestDatabase database;

    TestDatabase.Instance db;

    @BeforeEach
    void open() {
        db = database.open(2);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    /**
     * A data source that hands out one physical connection behind a proxy that does not close it, as a pool does,
     * but (unlike Hikari) without resetting anything: what the transaction leaves behind is visible.
     */
    private static javax.sql.DataSource single(Connection physical) {
        return single(physical, new java.util.concurrent.atomic.AtomicInteger());
    }

    /** As {@link #single(Connection)}, counting how often the isolation level is asked for. */
    private static javax.sql.DataSource single(Connection physical, java.util.concurrent.atomic.AtomicInteger asked) {
        Connection proxy = (Connection) java.lang.reflect.Proxy.newProxyInstance(
                TxTest.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, method, args) -> {
                    if (method.getName().equals("getTransactionIsolation")) {
                        asked.incrementAndGet();
                    }
                    switch (method.getName()) {
                        case "close":
                            return null;
                        case "unwrap":
                            return physical;
                        case "isWrapperFor":
                            return true;
                        default:
                            try {
                                return method.invoke(physical, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                TxTest.class.getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (p, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return proxy;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static int insideLevel(Tx tx) {
        return tx.inTx(h -> {
            try {
                return h.getConnection().getTransactionIsolation();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void runsAtReadCommittedAndRestoresTheHostsLevel() throws Exception {
        try (Connection pooled = db.dataSource().getConnection()) {
            Connection physical = pooled.unwrap(Connection.class);
            physical.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            javax.sql.DataSource host = single(physical);
            Tx tx = new Tx(
                    ReportsJdbi.create(host, Dialect.detect(db.dataSource())), new TransactionBoundDataSource(host));

            assertThat(insideLevel(tx)).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            assertThat(physical.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);

            assertThatThrownBy(() -> tx.useTx(h -> {
                        throw new IllegalArgumentException("work failed");
                    }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("work failed");
            assertThat(physical.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(insideLevel(tx)).isEqualTo(Connection.TRANSACTION_READ_COMMITTED); // not remembered as RC
        }
    }

    @Test
    void aConnectionAtReadCommittedIsAskedOnceNotPerTransaction() throws Exception {
        try (Connection pooled = db.dataSource().getConnection()) {
            Connection physical = pooled.unwrap(Connection.class);
            physical.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            var asked = new java.util.concurrent.atomic.AtomicInteger();
            javax.sql.DataSource host = single(physical, asked);
            Tx tx = new Tx(
                    ReportsJdbi.create(host, Dialect.detect(db.dataSource())), new TransactionBoundDataSource(host));

            for (int i = 0; i < 5; i++) {
                tx.useTx(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            }

            assertThat(asked).hasValue(1); // PostgreSQL's driver answers this with a round trip each time
            assertThat(physical.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        }
    }
}
