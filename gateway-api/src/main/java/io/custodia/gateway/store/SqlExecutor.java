package io.custodia.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs repository work either in a transaction of its own (top-level store calls) or inside the
 * caller's transaction ({@link OffChainStore#inTransaction(StoreWork)}). Repositories are written
 * once against this interface and do not care which.
 */
interface SqlExecutor {
    <T> T run(String operation, SqlWork<T> work);

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

    static StoreException failure(final String operation, final SQLException e) {
        // SQLSTATE only: driver messages can echo row values.
        return new StoreException(operation + " failed (SQLSTATE " + e.getSQLState() + ")", e);
    }
}
