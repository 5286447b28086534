package io.custodia.gateway.store;

import static io.custodia.gateway.store.TestData.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.function.LongSupplier;
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
     * A merge lists its seqs, indexes them chunk by chunk, then dequeues them. An erasure that deletes
     * the newest queued row in between must not free its seq for the next event: that event would be
     * dequeued without being indexed.
     */
    @Test
    void an_event_queued_during_a_merge_never_takes_the_seq_of_a_row_an_erasure_deleted() throws SQLException {
        store.disclosures().recordAll(List.of(new Disclosure(ref("s1"), "ev-1", "ds-1", "UNI-X", "DUO:0000007", START)));
        store.disclosures().recordAll(List.of(new Disclosure(ref("erased"), "ev-2", "ds-1", "UNI-X", "DUO:0000007", START)));
        try (Connection c = rawConnection()) {
            final JdbcDisclosureIndex merge = new JdbcDisclosureIndex(SqlExecutor.bound(c), Dialect.SQLITE);
            final DisclosureMergeRound round = new DisclosureMergeRound(merge.queuedSeqs(10), erasures(), 1);
            round.indexNextChunk(merge);

            store.erasure().eraseSubject(ref("erased"));
            final Disclosure queuedMeanwhile = new Disclosure(ref("late"), "ev-3", "ds-1", "UNI-X", "DUO:0000007", START);
            store.disclosures().recordAll(List.of(queuedMeanwhile));
            while (!round.done()) {
                round.indexNextChunk(merge);
            }
            merge.dequeue(round.seqs());

            assertThat(store.disclosures().page(ref("late"), null, null, 10, null).rows()).containsExactly(queuedMeanwhile);
            assertThat(count("pending_disclosures")).as("ev-3 still queued").isEqualTo(1);
        }
    }

    /**
     * A round reads the queue once; an erasure committed between two of its chunks must still keep
     * the erased subject out of the index, while every other subject of the round is indexed once.
     */
    @Test
    void an_erasure_between_two_chunks_of_a_merge_keeps_its_subject_out_of_the_index() throws SQLException {
        final List<String> subjects = IntStream.range(0, 6).mapToObj(i -> ref("m" + i)).sorted().toList();
        final String erased = subjects.get(3);
        for (int event = 0; event < 3; event++) {
            final String eventId = "ev-" + event;
            store.disclosures().recordAll(subjects.stream()
                    .map(s -> new Disclosure(s, eventId, "ds-1", "UNI-X", "DUO:0000007", START)).toList());
        }
        try (Connection c = rawConnection()) {
            final JdbcDisclosureIndex merge = new JdbcDisclosureIndex(SqlExecutor.bound(c), Dialect.SQLITE);
            // 18 rows in index order, 4 per chunk: the first chunk holds subject 0's three and one of subject 1.
            final DisclosureMergeRound round = new DisclosureMergeRound(merge.queuedSeqs(10), erasures(), 4);
            round.indexNextChunk(merge);

            store.erasure().eraseSubject(erased);
            int chunks = 1;
            while (!round.done()) {
                round.indexNextChunk(merge);
                chunks++;
            }
            merge.dequeue(round.seqs());

            assertThat(chunks).as("then 11 rows left, 4 per chunk").isEqualTo(4);
            assertThat(count("pending_disclosures")).isZero();
            assertThat(count("disclosures")).isEqualTo(15);
            assertThat(store.disclosures().page(erased, null, null, 10, null).rows()).isEmpty();
            for (final String subject : subjects) {
                if (!subject.equals(erased)) {
                    assertThat(store.disclosures().page(subject, null, null, 10, null).rows()).as(subject).hasSize(3);
                }
            }
        }
    }

    @Test
    void every_erasure_is_counted_for_the_merge_before_it_commits() {
        final JdbcOffChainStore jdbc = (JdbcOffChainStore) store;
        final long before = jdbc.erasureCount();

        store.erasure().eraseSubject(ref("s1"));
        final long inside = store.inTransaction(tx -> {
            tx.erasure().eraseSubject(ref("s2"));
            return jdbc.erasureCount();
        });

        assertThat(inside).as("counted before the caller's transaction commits").isEqualTo(before + 2);
        assertThat(jdbc.erasureCount()).isEqualTo(before + 2);
    }

    private LongSupplier erasures() {
        return ((JdbcOffChainStore) store)::erasureCount;
    }

    @Override
    protected void dropDatabase() {
        // @TempDir removes the files.
    }
}
