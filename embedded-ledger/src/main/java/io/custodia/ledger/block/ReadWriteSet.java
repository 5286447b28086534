package io.custodia.ledger.block;

import java.util.List;

/**
 * What a transaction read and wrote during simulation. Writes are sorted by key so the same
 * simulation always yields the same bytes.
 *
 * @param reads point reads with versions
 * @param rangeReads range queries with the results consumed
 * @param writes writes and deletes, sorted by key, at most one per key
 */
public record ReadWriteSet(List<KeyRead> reads, List<RangeRead> rangeReads, List<KeyWrite> writes) {
    public ReadWriteSet {
        reads = List.copyOf(reads);
        rangeReads = List.copyOf(rangeReads);
        writes = List.copyOf(writes);
    }

    public boolean isReadOnly() {
        return writes.isEmpty();
    }
}
