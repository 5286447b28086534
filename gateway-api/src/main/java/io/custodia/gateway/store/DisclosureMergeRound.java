package io.custodia.gateway.store;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * One background merge round on SQLite: a batch of queued access events read once, in the round's
 * first write transaction, then indexed in index order {@code chunkRows} rows per write transaction.
 *
 * <p>Why chunks: SQLite has one writer, and the group committer that records PERMITs' disclosures
 * waits for it. A round is ~75,000 rows at 150 PERMITs/s; written in 16 transactions it held the lock
 * 70-150 ms at a time (the committer spent half its time waiting, and with it every PERMIT in flight).
 * A chunk of 2,000 rows holds it for under half of that (a slice was ~4,700 rows), and the fair
 * lock lets the committer in between chunks; smaller chunks would add a commit (an fsync under the
 * lock) per chunk. Why read once: re-reading the queue for every transaction (to respect an erasure
 * made in between) reads ~5 MB of queued rows each time.
 *
 * <p>An erasure between two chunks is noticed through {@code erasures}, the store's count of
 * erasures, which an erasure bumps after its deletes and before it commits, so only while it holds
 * SQLite's write lock. A chunk reads the count while it holds that lock itself, and the queue is
 * read together with the count: a count that has not moved means no erasure has written since the
 * queue was read. When it moved, the chunk re-reads the queue (without the erased subject's refs,
 * and without any row the erasure deleted) and goes on after the last row it indexed; the erasure
 * itself deleted that subject's rows already indexed. The count lives in the store object, so this
 * holds for one store per database file, which the store's Java writer lock already assumes.
 */
final class DisclosureMergeRound {
    /** Rows per write transaction of a round (see the class comment for the trade). */
    static final int CHUNK_ROWS = 2_000;

    private final List<Long> seqs;
    private final LongSupplier erasures;
    private final int chunkRows;
    private long erasuresAtRead;
    private List<Disclosure> rows;
    private int next;

    /** A round over queued rows {@code seqs}; nothing is read until its first chunk. */
    DisclosureMergeRound(final List<Long> seqs, final LongSupplier erasures, final int chunkRows) {
        this.seqs = List.copyOf(seqs);
        this.erasures = erasures;
        this.chunkRows = Checks.positive(chunkRows, "chunkRows");
    }

    boolean done() {
        return rows != null && next >= rows.size();
    }

    /**
     * Indexes the next chunk through {@code index}, which must be bound to the caller's write
     * transaction (the first chunk also reads the queue there).
     */
    void indexNextChunk(final JdbcDisclosureIndex index) {
        final long erasuresNow = erasures.getAsLong();
        if (rows == null || erasuresNow != erasuresAtRead) {
            final Disclosure last = next == 0 ? null : rows.get(next - 1);
            erasuresAtRead = erasuresNow;
            rows = index.queuedDisclosures(seqs);
            next = last == null ? 0 : JdbcDisclosureIndex.positionAfter(rows, last);
        }
        final List<Disclosure> chunk = rows.subList(next, Math.min(rows.size(), next + chunkRows));
        index.index(chunk);
        next += chunk.size();
    }

    List<Long> seqs() {
        return seqs;
    }
}
