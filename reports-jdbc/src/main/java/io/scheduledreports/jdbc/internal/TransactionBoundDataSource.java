package io.scheduledreports.jdbc.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The bridge that lets db-scheduler write its task rows in <em>our</em> transaction.
 *
 * <p>db-scheduler opens its own connections from a {@link DataSource}. Given this data source instead, it
 * receives the connection of the transaction bound to the current thread (see {@link #bind(Connection)}),
 * wrapped so that db-scheduler can neither close it nor commit or roll it back: our domain rows and the task
 * rows then commit or roll back together. When no transaction is bound, it hands out ordinary connections
 * of the target data source.
 */
public final class TransactionBoundDataSource implements DataSource {

    private final DataSource target;
    private final ThreadLocal<Connection> bound = new ThreadLocal<>();

    /**
     * Wraps a data source.
     *
     * @param target the real (pooled) data source
     */
    public TransactionBoundDataSource(DataSource target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /** A binding of a connection to the current thread; close it to unbind. */
    @FunctionalInterface
    public interface Binding extends AutoCloseable {
        /** Unbinds the connection. */
        @Override
        void close();
    }

    /**
     * Binds a connection that is inside a transaction to the current thread until the returned binding is
     * closed. Nested binds of the same connection are allowed; binding another connection is an error.
     *
     * @param connection the transaction's connection
     * @return the binding
     */
    public Binding bind(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        Connection previous = bound.get();
        if (previous != null && previous != connection) {
            throw new IllegalStateException("another transaction is already bound to this thread");
        }
        bound.set(connection);
        return previous == null ? bound::remove : () -> {};
    }

    /** Whether a transaction is bound to the current thread. */
    public boolean isBound() {
        return bound.get() != null;
    }

    /** The real data source. */
    public DataSource target() {
        return target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = bound.get();
        return c == null ? target.getConnection() : unclosable(c);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Connection c = bound.get();
        return c == null ? target.getConnection(username, password) : unclosable(c);
    }

    private static Connection unclosable(Connection c) {
        return (Connection) Proxy.newProxyInstance(
                TransactionBoundDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close", "commit", "rollback", "setAutoCommit" -> {
                            return null;
                        }
                        case "isClosed" -> {
                            return false;
                        }
                        case "unwrap" -> {
                            if (((Class<?>) args[0]).isInstance(proxy)) {
                                return proxy;
                            }
                        }
                        default -> {}
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}
