package io.custodia.gateway.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Runs repository work either in a transaction of its own (top-level store calls) or inside the
 * caller's transaction ({@link OffChainStore#inTransaction(StoreWork)}). Repositories are written
 * once against this interface and do not care which.
 */
interface SqlExecutor {
    <T> T run(String operation, SqlWork<T> work);

    /**
     * Work that only reads. On its own it runs without a transaction of its own, each statement on
     * the last committed state: an explicit transaction on SQLite is {@code BEGIN IMMEDIATE} (see
     * {@link #inTransaction}), i.e. the database's only write lock, so a patient listing their
     * disclosures queued behind every PERMIT and waited in SQLite's sleeping busy handler. PostgreSQL
     * reads like this at READ COMMITTED anyway. Inside a caller's transaction it is {@link #run}.
     */
    <T> T read(String operation, SqlWork<T> work);

    /** Whether work runs inside a caller's transaction (so post-commit steps must wait). */
    boolean bound();

    /** A new transaction per call. */
    static SqlExecutor pooled(final DataSource dataSource) {
        return new SqlExecutor() {
            @Override
            public <T> T run(final String operation, final SqlWork<T> work) {
                try (Connection connection = dataSource.getConnection()) {
                    return inTransaction(connection, operation, work, broken -> evict(dataSource, broken));
                } catch (SQLException e) {
                    throw failure(operation, e);
                }
            }

            @Override
            public <T> T read(final String operation, final SqlWork<T> work) {
                try (Connection connection = dataSource.getConnection()) {
                    // Hikari hands connections out in auto-commit mode and restores it on return.
                    return work.run(connection);
                } catch (SQLException e) {
                    throw failure(operation, e);
                }
            }

            @Override
            public boolean bound() {
                return false;
            }
        };
    }

    /** Every call on the caller's open transaction; commit and rollback are the caller's. */
    static SqlExecutor bound(final Connection connection) {
        return new SqlExecutor() {
            @Override
            public <T> T run(final String operation, final SqlWork<T> work) {
                try {
                    return work.run(connection);
                } catch (SQLException e) {
                    throw failure(operation, e);
                }
            }

            @Override
            public <T> T read(final String operation, final SqlWork<T> work) {
                return run(operation, work);
            }

            @Override
            public boolean bound() {
                return true;
            }
        };
    }

    /**
     * Runs {@code work} in a transaction on {@code connection}. If it fails, the ORIGINAL failure is
     * what propagates (a disk-full commit must say so), with a failed rollback attached as suppressed;
     * a connection whose rollback failed is left in an unknown transaction state, so it is never
     * switched back to auto-commit (that would commit) but evicted from the pool.
     */
    static <T> T inTransaction(final Connection connection, final String operation, final SqlWork<T> work,
            final Consumer<Connection> evict) throws SQLException {
        // On SQLite this issues BEGIN IMMEDIATE (see JdbcOffChainStore): the write lock is taken up
        // front, so read-then-write sequences cannot deadlock or interleave.
        connection.setAutoCommit(false);
        final T result;
        try {
            result = work.run(connection);
            connection.commit();
        } catch (SQLException | RuntimeException | Error e) {
            try {
                connection.rollback();
                connection.setAutoCommit(true);
            } catch (SQLException | RuntimeException rollback) {
                e.addSuppressed(rollback);
                evict.accept(connection);
            }
            throw e;
        }
        connection.setAutoCommit(true);
        return result;
    }

    /**
     * Takes a pooled connection out of the pool for good (closing it physically rolls back); a
     * connection that is not a pool's is closed.
     */
    static void evict(final DataSource dataSource, final Connection connection) {
        if (dataSource instanceof HikariDataSource hikari) {
            hikari.evictConnection(connection);
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already unusable; the caller's failure is what matters.
        }
    }

    /** The first column of every row {@code query} returns for its one text parameter, in the query's order. */
    static List<String> strings(final Connection c, final String query, final String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, parameter);
            final List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return List.copyOf(values);
        }
    }

    static StoreException failure(final String operation, final SQLException e) {
        // SQLSTATE only: driver messages can echo row values.
        if (StoreException.isStorageFull(e)) {
            return StoreException.storageFull(operation + " failed: the database's disk is full (SQLSTATE "
                    + e.getSQLState() + ", code " + e.getErrorCode() + ")", e);
        }
        return new StoreException(operation + " failed (SQLSTATE " + e.getSQLState() + ")", e);
    }
}
