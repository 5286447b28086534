package io.custodia.gateway.store;

import static io.custodia.gateway.store.TestData.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on embedded SQLite in a temporary directory (always runs). */
class SqliteOffChainStoreTest extends OffChainStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected StoreConfig config(final KeyEncryptionKey kek, final MutableClock clock) {
        return StoreConfig.sqlite(dataDir, kek).withClock(clock);
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        final Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(StoreConfig.SQLITE_FILE));
        c.createStatement().execute("PRAGMA busy_timeout = 30000");
        return c;
    }

    /**
     * A merge lists its seqs, indexes them slice by slice, then dequeues them. An erasure that deletes
     * the newest queued row in between must not free its seq for the next event: that event would be
     * dequeued with only the later slices indexed.
     */
    @Test
    void an_event_queued_during_a_merge_never_takes_the_seq_of_a_row_an_erasure_deleted() throws SQLException {
        final String late = IntStream.range(0, 100).mapToObj(i -> ref("late-" + i))
                .filter(r -> r.charAt(0) < '8').findFirst().orElseThrow();
        store.disclosures().recordAll(List.of(new Disclosure(ref("s1"), "ev-1", "ds-1", "UNI-X", "DUO:0000007", START)));
        store.disclosures().recordAll(List.of(new Disclosure(ref("erased"), "ev-2", "ds-1", "UNI-X", "DUO:0000007", START)));
        try (Connection c = rawConnection()) {
            final JdbcDisclosureIndex merge = new JdbcDisclosureIndex(SqlExecutor.bound(c), Dialect.SQLITE);
            final List<Long> seqs = merge.queuedSeqs(10);
            JdbcDisclosureIndex.SLICES.subList(0, 8).forEach(slice -> merge.mergeSlice(seqs, slice));

            store.erasure().eraseSubject(ref("erased"));
            final Disclosure queuedMeanwhile = new Disclosure(late, "ev-3", "ds-1", "UNI-X", "DUO:0000007", START);
            store.disclosures().recordAll(List.of(queuedMeanwhile));
            JdbcDisclosureIndex.SLICES.subList(8, 16).forEach(slice -> merge.mergeSlice(seqs, slice));
            merge.dequeue(seqs);

            assertThat(store.disclosures().listForSubject(late, 10)).containsExactly(queuedMeanwhile);
            assertThat(count("pending_disclosures")).as("ev-3 still queued").isEqualTo(1);
        }
    }

    @Override
    protected void dropDatabase() {
        // @TempDir removes the files.
    }
}
