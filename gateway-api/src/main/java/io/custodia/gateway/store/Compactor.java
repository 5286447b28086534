package io.custodia.gateway.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Rewrites the database files so deleted rows no longer exist in them (see {@link
 * OffChainStore#compact()} and {@code gateway-api/docs/off-chain-store.md}).
 */
final class Compactor {
    /** Every table with rows keyed by a subject. */
    static final List<String> PERSONAL_TABLES = List.of("subject_items", "subject_registry", "subject_keys",
            "consent_documents", "released_set_members", "idempotency_records");
    /**
     * What VACUUM FULL rewrites: the personal tables and the outbox, whose completed items' payloads
     * and step state erasure scrubs of the subject's pseudonym.
     */
    static final List<String> VACUUMED_TABLES = java.util.stream.Stream.concat(PERSONAL_TABLES.stream(),
            java.util.stream.Stream.of("outbox")).toList();

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final int CHECKPOINT_ATTEMPTS = 50;

    private final DataSource dataSource;
    private final Dialect dialect;

    Compactor(final DataSource dataSource, final Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    CompactionReport compact() {
        final List<String> ran = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            // VACUUM cannot run inside a transaction block in either database.
            c.setAutoCommit(true);
            if (dialect == Dialect.SQLITE) {
                compactSqlite(st, ran, skipped);
            } else {
                compactPostgres(st, ran, skipped);
            }
        } catch (SQLException e) {
            throw SqlExecutor.failure("compact store", e);
        }
        return new CompactionReport(ran, skipped);
    }

    private static void compactSqlite(final Statement st, final List<String> ran, final List<String> skipped)
            throws SQLException {
        // secure_delete is on for every connection (set at open), so pages freed by the deletes were
        // already zeroed; VACUUM rebuilds the file without free pages and slack space.
        st.execute("VACUUM");
        ran.add("VACUUM");
        // The WAL still holds the pre-delete page images until it is checkpointed and truncated.
        for (int attempt = 1; attempt <= CHECKPOINT_ATTEMPTS; attempt++) {
            try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    ran.add("PRAGMA wal_checkpoint(TRUNCATE)");
                    return;
                }
            }
            pause();
        }
        skipped.add("PRAGMA wal_checkpoint(TRUNCATE): readers kept the WAL busy");
    }

    private static void compactPostgres(final Statement st, final List<String> ran, final List<String> skipped)
            throws SQLException {
        final String vacuum = "VACUUM (FULL) " + String.join(", ", VACUUMED_TABLES);
        st.execute(vacuum);
        ran.add(vacuum);
        try {
            st.execute("CHECKPOINT");
            ran.add("CHECKPOINT");
        } catch (SQLException e) {
            if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                throw e;
            }
            skipped.add("CHECKPOINT: insufficient privilege (grant pg_checkpoint to the store's role)");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while checkpointing", e);
        }
    }
}
