package io.custodia.ledger.exec;

import io.custodia.ledger.block.KeyRead;
import io.custodia.ledger.block.RangeRead;
import io.custodia.ledger.state.StateCursor;
import io.custodia.ledger.state.VersionedValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/**
 * A lazy range query over committed state that records every key the chaincode consumes (and
 * whether it reached the end), so the committer can re-run it and detect phantoms.
 */
final class RangeQueryIterator implements QueryResultsIterator<KeyValue> {
    private final String startKey;
    private final String endKey;
    private final StateCursor cursor;
    private final List<KeyRead> consumed = new ArrayList<>();
    private boolean exhausted;
    private boolean closed;
    private boolean iterated;

    RangeQueryIterator(final String startKey, final String endKey, final StateCursor cursor) {
        this.startKey = startKey;
        this.endKey = endKey;
        this.cursor = cursor;
    }

    @Override
    public Iterator<KeyValue> iterator() {
        if (iterated) {
            throw new IllegalStateException("a query result can be iterated only once");
        }
        iterated = true;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (closed) {
                    return false;
                }
                final boolean more = cursor.hasNext();
                if (!more) {
                    exhausted = true;
                }
                return more;
            }

            @Override
            public KeyValue next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                final VersionedValue value = cursor.next();
                consumed.add(new KeyRead(value.key(), value.version()));
                return new LedgerKeyValue(value.key(), value.value());
            }
        };
    }

    /** What was read, for the read set. */
    RangeRead toRangeRead() {
        return new RangeRead(startKey, endKey, exhausted, consumed);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cursor.close();
        }
    }
}
