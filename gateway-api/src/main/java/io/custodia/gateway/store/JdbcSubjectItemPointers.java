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
import java.util.function.BiConsumer;

/** {@link SubjectItemPointers} on table {@code subject_items}, encrypted per subject. */
final class JdbcSubjectItemPointers implements SubjectItemPointers {
    /** Keeps IN lists well below every driver's bind-parameter limit. */
    private static final int BATCH = 500;
    /**
     * The subjects' wrapped data keys come in the same statement: one query instead of one more per
     * subject. The salts stay sealed: nobody asked for them.
     */
    private static final String SELECT_POINTERS = "SELECT i.subject_ref, i.encrypted_pointers, k.kek_id, k.wrapped_key"
            + " FROM subject_items i LEFT JOIN subject_keys k ON k.subject_ref = i.subject_ref";

    private final SqlExecutor sql;
    private final SubjectKeys keys;
    private final Clock clock;
    private final Dialect dialect;
    private final PointerCache cache;

    JdbcSubjectItemPointers(final SqlExecutor sql, final SubjectKeys keys, final Clock clock, final Dialect dialect,
            final PointerCache cache) {
        this.sql = sql;
        this.keys = keys;
        this.clock = clock;
        this.dialect = dialect;
        this.cache = cache;
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
            try {
                final byte[] pointers = keys.crypto().seal(key, pointersAad(items.datasetId(), items.subjectRef()),
                        CanonicalJson.toBytes(items.pointers()));
                final byte[] salt = keys.crypto().seal(key, saltAad(items.datasetId(), items.subjectRef()), items.itemSalt());
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO subject_items"
                        + " (dataset_id, subject_ref, encrypted_pointers, encrypted_item_salt, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (dataset_id, subject_ref) DO NOTHING")) {
                    insert.setString(1, items.datasetId());
                    insert.setString(2, items.subjectRef());
                    insert.setBytes(3, pointers);
                    insert.setBytes(4, salt);
                    insert.setLong(5, clock.millis());
                    if (insert.executeUpdate() > 0) {
                        return 1;
                    }
                }
                // Replacing items others may have read (and cached) under the current mark.
                try (PreparedStatement replace = c.prepareStatement("UPDATE subject_items SET encrypted_pointers = ?,"
                        + " encrypted_item_salt = ?, updated_at = ? WHERE dataset_id = ? AND subject_ref = ?")) {
                    replace.setBytes(1, pointers);
                    replace.setBytes(2, salt);
                    replace.setLong(3, clock.millis());
                    replace.setString(4, items.datasetId());
                    replace.setString(5, items.subjectRef());
                    return ItemChangeMark.replaced(c, replace.executeUpdate(), "subject items were");
                }
            } finally {
                Arrays.fill(key, (byte) 0);
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
    public List<String> subjectsOf(final String datasetId) {
        Checks.nonBlank(datasetId, "datasetId");
        return sql.read("list subjects of dataset", c -> SqlExecutor.strings(c,
                "SELECT subject_ref FROM subject_items WHERE dataset_id = ? ORDER BY subject_ref", datasetId));
    }

    @Override
    public PointerRead pointersOf(final String datasetId, final Collection<String> subjectRefs,
            final long datasetSubjects) {
        final List<String> refs = checkedRefs(datasetId, subjectRefs);
        return sql.read("find subject item pointers", c -> {
            // Before the rows: a change committing after this read advances the mark stillPresent
            // compares, and the cache keeps what is read only under this mark.
            final long mark = ItemChangeMark.read(c);
            final PointerCache.Generation cached = sql.bound() ? PointerCache.Generation.DETACHED : cache.at(mark);
            final Map<String, List<String>> found = new HashMap<>();
            final List<String> missing = new ArrayList<>();
            for (final String ref : refs) {
                final List<String> pointers = cached.get(datasetId, ref);
                if (pointers != null) {
                    found.put(ref, pointers);
                } else {
                    missing.add(ref);
                }
            }
            if (!missing.isEmpty()) {
                readPointers(c, datasetId, missing, datasetSubjects, (ref, pointers) -> {
                    found.put(ref, pointers);
                    cached.put(datasetId, ref, pointers);
                });
            }
            return new PointerRead(datasetId, storageUri(c, datasetId, cached), found, mark);
        });
    }

    /** The dataset's storage URI, kept under the mark like the pointers (its replacement advances it). */
    private static String storageUri(final Connection c, final String datasetId, final PointerCache.Generation cached)
            throws SQLException {
        final String kept = cached.storageUri(datasetId);
        if (kept != null) {
            return kept;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT storage_uri FROM dataset_pointers WHERE dataset_id = ?")) {
            ps.setString(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                final String uri = rs.getString(1);
                cached.putStorageUri(datasetId, uri);
                return uri;
            }
        }
    }

    /** Reads and decrypts the pointers of those of {@code refs} that have items in the dataset. */
    private void readPointers(final Connection c, final String datasetId, final List<String> refs,
            final long datasetSubjects, final BiConsumer<String, List<String>> found) throws SQLException {
        final RowHandler open = rs -> {
            final String ref = rs.getString(1);
            final byte[] key = dataKey(rs);
            try {
                found.accept(ref, openPointers(key, datasetId, ref, rs.getBytes(2)));
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        };
        if (refs.size() * 2L < datasetSubjects) {
            forEachRow(c, SELECT_POINTERS + " WHERE i.dataset_id = ? AND i.subject_ref IN (", datasetId, refs, open);
            return;
        }
        // Most of the dataset: one walk of its primary-key range beats a lookup per subject, and the
        // statement is the same every time (an IN list of 100 is parsed anew each time).
        final Set<String> wanted = new HashSet<>(refs);
        try (PreparedStatement ps = c.prepareStatement(SELECT_POINTERS + " WHERE i.dataset_id = ?")) {
            ps.setString(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (wanted.contains(rs.getString(1))) {
                        open.accept(rs);
                    }
                }
            }
        }
    }

    /** Forgets every decrypted pointer kept in memory: after an erasure. */
    void dropCachedPointers() {
        cache.clear();
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
    public Optional<PointerRead> cachedPointersOf(final String datasetId, final Collection<String> subjectRefs) {
        final List<String> refs = checkedRefs(datasetId, subjectRefs);
        final PointerCache.Generation latest = cache.latest();
        final String storageUri = latest.storageUri(datasetId);
        if (storageUri == null) {
            return Optional.empty();
        }
        final Map<String, List<String>> found = new HashMap<>();
        for (final String ref : refs) {
            final List<String> pointers = latest.get(datasetId, ref);
            if (pointers == null) {
                return Optional.empty();
            }
            found.put(ref, pointers);
        }
        return Optional.of(new PointerRead(datasetId, storageUri, found, latest.mark()));
    }

    @Override
    public PointerRead current(final PointerRead read) {
        Checks.notNull(read, "read");
        if (read.bySubject().isEmpty()) {
            return read;
        }
        final long mark = sql.read("check subject items", c -> {
            // No deletion of the dataset's items commits until the caller's transaction ends; one that
            // committed before this point has advanced the mark.
            DatasetItemLocks.share(c, dialect, read.datasetId());
            return ItemChangeMark.read(c);
        });
        if (mark == read.changeMark()) {
            return read;
        }
        // Something changed since the read (in any process): what memory holds may be stale too. This
        // path is rare: 0 subjects in the dataset makes the read walk the dataset's key range.
        cache.retireBefore(mark);
        return pointersOf(read.datasetId(), read.bySubject().keySet(), 0);
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
