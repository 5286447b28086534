package io.custodia.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** {@link DatasetPointers} on table {@code dataset_pointers}. */
final class JdbcDatasetPointers implements DatasetPointers {
    private final SqlExecutor sql;
    private final Clock clock;
    private final Dialect dialect;

    JdbcDatasetPointers(final SqlExecutor sql, final Clock clock, final Dialect dialect) {
        this.sql = sql;
        this.clock = clock;
        this.dialect = dialect;
    }

    @Override
    public void put(final DatasetPointer pointer) {
        Checks.notNull(pointer, "pointer");
        sql.run("put dataset pointer", c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO dataset_pointers"
                    + " (dataset_id, storage_uri, owner_institution, updated_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (dataset_id) DO NOTHING")) {
                insert.setString(1, pointer.datasetId());
                insert.setString(2, pointer.storageUri());
                insert.setString(3, pointer.ownerInstitution());
                insert.setLong(4, clock.millis());
                if (insert.executeUpdate() > 0) {
                    return 1;
                }
            }
            // Replacing a storage URI the access flow may have read (and kept) under the current mark.
            try (PreparedStatement replace = c.prepareStatement("UPDATE dataset_pointers SET storage_uri = ?,"
                    + " owner_institution = ?, updated_at = ? WHERE dataset_id = ?")) {
                replace.setString(1, pointer.storageUri());
                replace.setString(2, pointer.ownerInstitution());
                replace.setLong(3, clock.millis());
                replace.setString(4, pointer.datasetId());
                return ItemChangeMark.replaced(c, replace.executeUpdate(), "the dataset pointer was");
            }
        });
    }

    @Override
    public Optional<DatasetPointer> find(final String datasetId) {
        Checks.nonBlank(datasetId, "datasetId");
        return sql.read("find dataset pointer", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT storage_uri, owner_institution FROM dataset_pointers WHERE dataset_id = ?")) {
                ps.setString(1, datasetId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new DatasetPointer(datasetId, rs.getString(1), rs.getString(2)))
                            : Optional.<DatasetPointer>empty();
                }
            }
        });
    }

    @Override
    public List<DatasetPointer> all() {
        return sql.read("list dataset pointers", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT dataset_id, storage_uri, owner_institution FROM dataset_pointers ORDER BY dataset_id");
                    ResultSet rs = ps.executeQuery()) {
                final List<DatasetPointer> all = new java.util.ArrayList<>();
                while (rs.next()) {
                    all.add(new DatasetPointer(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
                return List.copyOf(all);
            }
        });
    }

    @Override
    public boolean delete(final String datasetId) {
        Checks.nonBlank(datasetId, "datasetId");
        return sql.run("delete dataset pointer", c -> {
            try (PreparedStatement items = c.prepareStatement("DELETE FROM subject_items WHERE dataset_id = ?");
                    PreparedStatement dataset = c.prepareStatement(
                            "DELETE FROM dataset_pointers WHERE dataset_id = ?")) {
                // As an erasure does: no access flow's re-check of these items is left undecided.
                DatasetItemLocks.exclude(c, dialect, List.of(datasetId));
                items.setString(1, datasetId);
                final boolean itemsDeleted = items.executeUpdate() > 0;
                dataset.setString(1, datasetId);
                final boolean existed = dataset.executeUpdate() > 0;
                if (itemsDeleted || existed) {
                    ItemChangeMark.advance(c);
                }
                return existed;
            }
        });
    }
}
