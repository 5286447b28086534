package io.custodia.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Keeps an erasure from committing between the access flow's re-check of which released subjects
 * still have items and the commit of the writes that rely on it. SQLite needs nothing: it runs one
 * write transaction at a time. PostgreSQL takes a transaction-scoped advisory lock per dataset: shared
 * by re-checks (they never wait for each other), exclusive for an erasure on each dataset it deletes
 * items from, so each waits for the other's transaction to end. Row locks (SELECT … FOR SHARE) would
 * do the same but write every locked row: 100 tuples per access request.
 */
final class DatasetItemLocks {
    private DatasetItemLocks() {}

    /** Before re-checking items of {@code datasetId}; held until the caller's transaction ends. */
    static void share(final Connection c, final Dialect dialect, final String datasetId) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            lock(c, "SELECT pg_advisory_xact_lock_shared(hashtextextended(?, 0))", datasetId);
        }
    }

    /** Before deleting items of {@code datasetIds}: locked in sorted order, so erasures never deadlock. */
    static void exclude(final Connection c, final Dialect dialect, final Collection<String> datasetIds)
            throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            for (final String datasetId : new TreeSet<>(datasetIds)) {
                lock(c, "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", datasetId);
            }
        }
    }

    private static void lock(final Connection c, final String statement, final String datasetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setString(1, datasetId);
            ps.execute();
        }
    }
}
