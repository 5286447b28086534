package io.custodia.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A counter that every deletion or replacement of subject items, or of a dataset pointer, advances in
 * the transaction making it. Read before items are read and again later, an unchanged value proves
 * that none of those items was deleted or replaced in between: the access flow's re-check ({@link
 * SubjectItemPointers#current}) then needs no lookup per subject, and pointers decrypted earlier
 * under the same value (and the dataset's storage URI) are still the stored ones ({@link
 * PointerCache}). New items and new datasets do not advance it: nothing read before they existed can
 * be stale.
 *
 * <p>On PostgreSQL the counter is one row that each change updates: concurrent erasures queue on its
 * row lock, which they rarely meet; reads never wait for it.
 */
final class ItemChangeMark {
    private ItemChangeMark() {}

    static long read(final Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT mark FROM item_change_mark WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new StoreException("the item change mark is missing (schema not migrated?)");
            }
            return rs.getLong(1);
        }
    }

    /**
     * After the {@code UPDATE} replacing a row that an insert found present ({@code ON CONFLICT DO
     * NOTHING}): advances the mark, or refuses when the row was deleted in between (PostgreSQL) rather
     * than write nothing.
     *
     * @return 1, the rows written
     */
    static int replaced(final Connection c, final int updatedRows, final String what) throws SQLException {
        if (updatedRows == 0) {
            throw new StoreException(what + " deleted while being replaced");
        }
        advance(c);
        return 1;
    }

    /** In the transaction that deletes or replaces items. */
    static void advance(final Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE item_change_mark SET mark = mark + 1 WHERE id = 1")) {
            if (ps.executeUpdate() != 1) {
                throw new StoreException("the item change mark is missing (schema not migrated?)");
            }
        }
    }
}
