package io.custodia.ledger.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.NoSuchElementException;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/** Forward cursor over committed state in a key range; must be closed. */
public final class StateCursor implements AutoCloseable {
    private final RocksIterator iterator;
    private final byte[] end;
    /** Owned by the iterator's native side until it is closed. */
    private final ReadOptions readOptions;
    private final Slice upperBound;

    StateCursor(final RocksIterator iterator, final byte[] end, final ReadOptions readOptions, final Slice upperBound) {
        this.iterator = iterator;
        this.end = end;
        this.readOptions = readOptions;
        this.upperBound = upperBound;
    }

    public boolean hasNext() {
        return iterator.isValid() && Arrays.compareUnsigned(iterator.key(), end) < 0;
    }

    public VersionedValue next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        final byte[] k = iterator.key();
        final String key = new String(k, 1, k.length - 1, StandardCharsets.UTF_8);
        final VersionedValue value = StateStore.decodeState(key, iterator.value());
        iterator.next();
        return value;
    }

    @Override
    public void close() {
        iterator.close();
        readOptions.close();
        upperBound.close();
    }
}
