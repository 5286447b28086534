package io.custodia.gateway.store;

import io.custodia.canonical.CanonicalJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link SubjectItemPointers} on table {@code subject_items}, encrypted per subject. */
final class JdbcSubjectItemPointers implements SubjectItemPointers {
    /** Keeps IN lists well below every driver's bind-parameter limit. */
    private static final int BATCH = 500;

    private final SqlExecutor sql;
    private final SubjectKeys keys;
    private final Clock clock;
    private final Dialect dialect;

    JdbcSubjectItemPointers(final SqlExecutor sql, final SubjectKeys keys, final Clock clock, final Dialect dialect) {
        this.sql = sql;
        this.keys = keys;
        this.clock = clock;
        this.dialect = dialect;
    }

    static byte[] pointersAad(final String datasetId, final String subjectRef) {
        return FieldCrypto.aad("item-pointers", datasetId, subjectRef);
    }

    static byte[] saltAad(final String datasetId, final String subjectRef) {
        return FieldCrypto.aad("item-salt", datasetId, subjectRef);
    }

    @Override
    public void put(final SubjectItems items) {
        Checks.notNull(items, "items");
        sql.run("put subject items", c -> {
            final byte[] key = keys.getOrCreate(c, items.subjectRef());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO subject_items"
                    + " (dataset_id, subject_ref, encrypted_pointers, encrypted_item_salt, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (dataset_id, subject_ref) DO UPDATE SET"
                    + " encrypted_pointers = excluded.encrypted_pointers,"
                    + " encrypted_item_salt = excluded.encrypted_item_salt, updated_at = excluded.updated_at")) {
                ps.setString(1, items.datasetId());
                ps.setString(2, items.subjectRef());
                ps.setBytes(3, keys.crypto().seal(key, pointersAad(items.datasetId(), items.subjectRef()),
                        CanonicalJson.toBytes(items.pointers())));
                ps.setBytes(4, keys.crypto().seal(key, saltAad(items.datasetId(), items.subjectRef()),
                        items.itemSalt()));
                ps.setLong(5, clock.millis());
                return ps.executeUpdate();
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        });
    }

    @Override
    public int deleteDataset(final String datasetId) {
        Checks.nonBlank(datasetId, "datasetId");
        return sql.run("delete dataset items", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM subject_items WHERE dataset_id = ?")) {
                ps.setString(1, datasetId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<SubjectItems> find(final String datasetId, final String subjectRef) {
        final List<String> refs = checkedRefs(datasetId, List.of(subjectRef));
        return sql.read("find subject items", c -> {
            final List<SubjectItems> found = new ArrayList<>(1);
            forEachRow(c, "SELECT i.subject_ref, i.encrypted_pointers, k.kek_id, k.wrapped_key, i.encrypted_item_salt"
                    + " FROM subject_items i LEFT JOIN subject_keys k ON k.subject_ref = i.subject_ref"
                    + " WHERE i.dataset_id = ? AND i.subject_ref IN (", datasetId, refs,
                    rs -> found.add(decrypt(dataKey(rs), datasetId, subjectRef, rs.getBytes(2), rs.getBytes(5))));
            return found.stream().findFirst();
        });
    }

    @Override
    public List<String> datasetIdsOf(final String subjectRef) {
        Checks.subjectRef(subjectRef);
        return sql.read("list datasets of subject", c -> SqlExecutor.strings(c,
                "SELECT dataset_id FROM subject_items WHERE subject_ref = ? ORDER BY dataset_id", subjectRef));
    }

    @Override
    public Map<String, List<String>> pointersOf(final String datasetId, final Collection<String> subjectRefs) {
        final List<String> refs = checkedRefs(datasetId, subjectRefs);
        return sql.read("find subject item pointers", c -> {
            final Map<String, List<String>> found = new HashMap<>();
            // The subjects' wrapped data keys come in the same statement: one query per batch
            // instead of one more per subject. The salts stay sealed: nobody asked for them.
            forEachRow(c, "SELECT i.subject_ref, i.encrypted_pointers, k.kek_id, k.wrapped_key"
                    + " FROM subject_items i LEFT JOIN subject_keys k ON k.subject_ref = i.subject_ref"
                    + " WHERE i.dataset_id = ? AND i.subject_ref IN (", datasetId, refs, rs -> {
                        final String ref = rs.getString(1);
                        final byte[] key = dataKey(rs);
                        try {
                            found.put(ref, openPointers(key, datasetId, ref, rs.getBytes(2)));
                        } finally {
                            Arrays.fill(key, (byte) 0);
                        }
                    });
            return found;
        });
    }

    /** The row's subject data key, unwrapped; columns 1, 3 and 4 are subject_ref, kek_id and wrapped_key. */
    private byte[] dataKey(final ResultSet rs) throws SQLException {
        if (rs.getBytes(4) == null) {
            throw new StoreException("subject data key missing for stored data");
        }
        return keys.crypto().unwrapDataKey(rs.getString(1), rs.getString(3), rs.getBytes(4));
    }

    private List<String> openPointers(final byte[] key, final String datasetId, final String subjectRef,
            final byte[] encryptedPointers) {
        return List.of(CanonicalJson.parse(
                keys.crypto().open(key, pointersAad(datasetId, subjectRef), encryptedPointers), String[].class));
    }

    @Override
    public Set<String> present(final String datasetId, final Collection<String> subjectRefs) {
        final List<String> refs = checkedRefs(datasetId, subjectRefs);
        return sql.read("check subject items", c -> {
            final Set<String> present = new HashSet<>();
            // No erasure of the dataset's items commits until the caller's transaction ends.
            DatasetItemLocks.share(c, dialect, datasetId);
            // Answered from the primary-key index alone: no row, no blob, no decryption.
            forEachRow(c, "SELECT subject_ref FROM subject_items WHERE dataset_id = ? AND subject_ref IN (",
                    datasetId, refs, rs -> present.add(rs.getString(1)));
            return Set.copyOf(present);
        });
    }

    /** The distinct subject references, each checked, in the order given. */
    private static List<String> checkedRefs(final String datasetId, final Collection<String> subjectRefs) {
        Checks.nonBlank(datasetId, "datasetId");
        final List<String> refs = new ArrayList<>(new LinkedHashSet<>(Checks.notNull(subjectRefs, "subjectRefs")));
        refs.forEach(Checks::subjectRef);
        return refs;
    }

    /**
     * Runs {@code selectUpToIn} (a query ending in {@code "dataset = ? AND subject IN ("}) once per batch
     * of {@link #BATCH} references, with the batch's placeholders, and hands every row to {@code row}.
     */
    private static void forEachRow(final Connection c, final String selectUpToIn, final String datasetId,
            final List<String> refs, final RowHandler row) throws SQLException {
        for (int from = 0; from < refs.size(); from += BATCH) {
            final List<String> batch = refs.subList(from, Math.min(refs.size(), from + BATCH));
            try (PreparedStatement ps = c.prepareStatement(
                    selectUpToIn + String.join(", ", Collections.nCopies(batch.size(), "?")) + ")")) {
                ps.setString(1, datasetId);
                for (int i = 0; i < batch.size(); i++) {
                    ps.setString(i + 2, batch.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        row.accept(rs);
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(ResultSet row) throws SQLException;
    }

    SubjectItems decrypt(final Connection c, final String datasetId, final String subjectRef,
            final byte[] encryptedPointers, final byte[] encryptedSalt) throws SQLException {
        return decrypt(keys.require(c, subjectRef), datasetId, subjectRef, encryptedPointers, encryptedSalt);
    }

    /** Decrypts with the subject's data key and wipes the key afterwards. */
    private SubjectItems decrypt(final byte[] key, final String datasetId, final String subjectRef,
            final byte[] encryptedPointers, final byte[] encryptedSalt) {
        try {
            final List<String> pointers = openPointers(key, datasetId, subjectRef, encryptedPointers);
            final byte[] salt = keys.crypto().open(key, saltAad(datasetId, subjectRef), encryptedSalt);
            return new SubjectItems(datasetId, subjectRef, pointers, salt);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
