package io.custodia.ledger.commit;

import io.custodia.ledger.ValidationCode;
import io.custodia.ledger.block.KeyRead;
import io.custodia.ledger.block.KeyWrite;
import io.custodia.ledger.block.RangeRead;
import io.custodia.ledger.block.TransactionRecord;
import io.custodia.ledger.block.Version;
import io.custodia.ledger.state.StateCursor;
import io.custodia.ledger.state.StateStore;
import io.custodia.ledger.state.VersionedValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Validates the transactions of one block in order, as Fabric's committer does: each read must
 * still see the version it saw during simulation, given the committed state plus the writes of the
 * earlier valid transactions of the same block; each range query must return the same keys and
 * versions (no phantoms).
 */
final class BlockValidator {
    private final StateStore state;
    private final long blockNumber;
    /** Writes of earlier valid transactions in this block: key → version, or {@code null} version for a delete. */
    private final TreeMap<String, Optional<Version>> updates = new TreeMap<>(BlockValidator::compareUtf8);
    /**
     * The same writes by hash, for point reads: a lookup in {@link #updates} encodes both keys of each
     * comparison to UTF-8, and an access request's 100 reads made that most of its validation.
     */
    private final Map<String, Optional<Version>> updatesByKey = new HashMap<>();
    private final Set<String> txIds = new HashSet<>();

    BlockValidator(final StateStore state, final long blockNumber) {
        this.state = state;
        this.blockNumber = blockNumber;
    }

    /** Fabric orders keys by their UTF-8 bytes, which differs from Java's UTF-16 order above U+FFFF. */
    static int compareUtf8(final String a, final String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    ValidationCode validate(final TransactionRecord tx, final int txIndex) {
        if (!txIds.add(tx.txId()) || state.transactionPosition(tx.txId()).isPresent()) {
            return ValidationCode.DUPLICATE_TXID;
        }
        for (final KeyRead read : tx.readWriteSet().reads()) {
            if (!Objects.equals(currentVersion(read.key()), read.version())) {
                return ValidationCode.MVCC_READ_CONFLICT;
            }
        }
        for (final RangeRead range : tx.readWriteSet().rangeReads()) {
            if (!rangeUnchanged(range)) {
                return ValidationCode.PHANTOM_READ_CONFLICT;
            }
        }
        final Version version = new Version(blockNumber, txIndex);
        for (final KeyWrite write : tx.readWriteSet().writes()) {
            final Optional<Version> written = write.isDelete() ? Optional.empty() : Optional.of(version);
            updates.put(write.key(), written);
            updatesByKey.put(write.key(), written);
        }
        return ValidationCode.VALID;
    }

    private Version currentVersion(final String key) {
        final Optional<Version> pending = updatesByKey.get(key);
        if (pending != null) {
            return pending.orElse(null);
        }
        return state.version(key).orElse(null);
    }

    private boolean rangeUnchanged(final RangeRead range) {
        try (StateCursor cursor = state.range(range.startKey(), range.endKey())) {
            final Map<String, Optional<Version>> pending = range.endKey().isEmpty()
                    ? updates.tailMap(range.startKey(), true)
                    : updates.subMap(range.startKey(), true, range.endKey(), false);
            final Iterator<Map.Entry<String, Optional<Version>>> inBlock = pending.entrySet().iterator();
            final MergedRange merged = new MergedRange(cursor, inBlock);
            for (final KeyRead expected : range.reads()) {
                final KeyRead actual = merged.next();
                if (actual == null || !actual.equals(expected)) {
                    return false;
                }
            }
            return !range.exhausted() || merged.next() == null;
        }
    }

    /** Committed state overlaid with this block's earlier writes, in key order, deletes skipped. */
    private static final class MergedRange {
        private final StateCursor committed;
        private final Iterator<Map.Entry<String, Optional<Version>>> pending;
        private VersionedValue nextCommitted;
        private Map.Entry<String, Optional<Version>> nextPending;

        MergedRange(final StateCursor committed, final Iterator<Map.Entry<String, Optional<Version>>> pending) {
            this.committed = committed;
            this.pending = pending;
            advanceCommitted();
            advancePending();
        }

        private void advanceCommitted() {
            nextCommitted = committed.hasNext() ? committed.next() : null;
        }

        private void advancePending() {
            nextPending = pending.hasNext() ? pending.next() : null;
        }

        KeyRead next() {
            while (nextCommitted != null || nextPending != null) {
                final int order = nextCommitted == null ? 1
                        : nextPending == null ? -1
                        : compareUtf8(nextCommitted.key(), nextPending.getKey());
                if (order < 0) {
                    final KeyRead read = new KeyRead(nextCommitted.key(), nextCommitted.version());
                    advanceCommitted();
                    return read;
                }
                final Map.Entry<String, Optional<Version>> update = nextPending;
                advancePending();
                if (order == 0) {
                    advanceCommitted();
                }
                if (update.getValue().isPresent()) {
                    return new KeyRead(update.getKey(), update.getValue().get());
                }
            }
            return null;
        }
    }
}
