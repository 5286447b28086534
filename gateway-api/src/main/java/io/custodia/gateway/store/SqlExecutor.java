package io.custodia.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
                    return inTransaction(connection, operation, work);
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

    static <T> T inTransaction(final Connection connection, final String operation, final SqlWork<T> work)
            throws SQLException {
        // On SQLite this issues BEGIN IMMEDIATE (see JdbcOffChainStore): the write lock is taken up
        // front, so read-then-write sequences cannot deadlock or interleave.
        connection.setAutoCommit(false);
        boolean committed = false;
        try {
            final T result = work.run(connection);
            connection.commit();
            committed = true;
            return result;
        } finally {
            if (!committed) {
                rollbackQuietly(connection, operation);
            }
            connection.setAutoCommit(true);
        }
    }

    private static void rollbackQuietly(final Connection connection, final String operation) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The original failure is what the caller needs; a failed rollback closes the connection.
            throw failure(operation + " rollback", e);
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
        return new StoreException(operation + " failed (SQLSTATE " + e.getSQLState() + ")", e);
    }
}
