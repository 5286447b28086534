package io.custodia.gateway.store;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Hashes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link ErasureStore}: one transaction deleting every row keyed by the subject, data key last.
 */
final class JdbcErasureStore implements ErasureStore {
    private final SqlExecutor sql;
    private final JdbcSubjectItemPointers items;
    private final Runnable compaction;
    private final Dialect dialect;

    /**
     * @param compaction run after the erasure committed, when this store owns its transaction;
     *     never inside a caller's transaction
     */
    JdbcErasureStore(final SqlExecutor sql, final JdbcSubjectItemPointers items, final Runnable compaction,
            final Dialect dialect) {
        this.sql = sql;
        this.items = items;
        this.compaction = compaction;
        this.dialect = dialect;
    }

    @Override
    public ErasureResult eraseSubject(final String subjectRef) {
        Checks.subjectRef(subjectRef);
        final ErasureResult result = sql.run("erase subject", c -> erase(c, subjectRef));
        if (!sql.bound()) {
            compaction.run();
        }
        return result;
    }

    private ErasureResult erase(final Connection c, final String subjectRef) throws SQLException {
        final List<SubjectItems> destroyed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT dataset_id, encrypted_pointers, encrypted_item_salt"
                + " FROM subject_items WHERE subject_ref = ?")) {
            ps.setString(1, subjectRef);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    destroyed.add(items.decrypt(c, rs.getString(1), subjectRef, rs.getBytes(2), rs.getBytes(3)));
                }
            }
        }
        final String hash = pointerSetHash(subjectRef, destroyed);
        DatasetItemLocks.exclude(c, dialect, destroyed.stream().map(SubjectItems::datasetId).toList());
        final int itemRows = delete(c, "subject_items", subjectRef);
        if (itemRows > 0) {
            ItemChangeMark.advance(c);
            items.dropCachedPointers();
        }
        final int registryRows = delete(c, "subject_registry", subjectRef);
        final int consents = delete(c, "consent_documents", subjectRef);
        final int disclosures = JdbcDisclosureIndex.forget(c, subjectRef);
        // Records keyed by the subject, and any other response naming it (an access decision lists the
        // subjects it released): the pseudonym must not outlive the erasure in a stored answer. Their
        // retries rebuild the answer from the ledger and the store instead.
        final int idempotency = delete(c, "idempotency_records", subjectRef) + deleteResponsesNaming(c, subjectRef);
        JdbcOutbox.scrubDoneItemsNaming(c, dialect, subjectRef);
        final int keys = delete(c, "subject_keys", subjectRef);
        final int pointers = destroyed.stream().mapToInt(i -> i.pointers().size()).sum();
        return new ErasureResult(subjectRef, hash, itemRows, pointers, registryRows, consents, disclosures,
                idempotency, keys);
    }

    /**
     * SHA-256 of {@code {"items":[{"datasetId","itemSalt","pointers"}…],"subjectRef"}} in canonical
     * JSON, items sorted by dataset id and pointers sorted, so the same destroyed set always hashes
     * the same whatever order the database returned it in.
     */
    static String pointerSetHash(final String subjectRef, final List<SubjectItems> destroyed) {
        final List<Map<String, Object>> entries = new ArrayList<>();
        destroyed.stream().sorted(Comparator.comparing(SubjectItems::datasetId)).forEach(i -> {
            final Map<String, Object> entry = new TreeMap<>();
            entry.put("datasetId", i.datasetId());
            entry.put("itemSalt", Hashes.hex(i.itemSalt()));
            entry.put("pointers", i.pointers().stream().sorted().toList());
            entries.add(entry);
        });
        final Map<String, Object> set = new TreeMap<>();
        set.put("subjectRef", subjectRef);
        set.put("items", entries);
        return Hashes.sha256Hex(CanonicalJson.toBytes(set));
    }

    private int deleteResponsesNaming(final Connection c, final String subjectRef) throws SQLException {
        final String contains = dialect == Dialect.POSTGRESQL ? "position(? IN response_body) > 0" : "instr(response_body, ?) > 0";
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM idempotency_records WHERE " + contains)) {
            ps.setBytes(1, subjectRef.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return ps.executeUpdate();
        }
    }

    private static int delete(final Connection c, final String table, final String subjectRef) throws SQLException {
        // Table names are constants of this class, never input.
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE subject_ref = ?")) {
            ps.setString(1, subjectRef);
            return ps.executeUpdate();
        }
    }
}
