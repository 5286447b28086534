package io.custodia.ledger.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.custodia.ledger.block.Version;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Committed world-state entries recently read, kept in memory in front of RocksDB. The keys that
 * every transaction of a kind reads are read twice each — by the simulation, then by the block
 * validator checking their versions — and an access request reads 100 subjects' consents: those
 * lookups, each a RocksDB {@code Get} through JNI, were a tenth of an access request's CPU. Fabric's
 * peer keeps the same kind of cache in front of CouchDB.
 *
 * <p>Exactness is what MVCC validation needs: a version the validator reads here must be the
 * committed one. The cache holds committed entries only, and the store keeps it coherent with
 * RocksDB like a sequence lock:
 *
 * <ul>
 *   <li>{@link #beginApply()} before a block's write batch and {@link #endApply()} after it, so the
 *       generation is odd while a block is being written;</li>
 *   <li>{@link #applied} after the batch is written replaces (or, for a delete, drops) the entries of
 *       the keys the block wrote;</li>
 *   <li>a reader that missed reads RocksDB and then {@link #admit}s what it read, which is accepted
 *       only when the generation it saw before reading is even and still current. A block written
 *       in between could otherwise leave the older value behind it: the block's {@link #applied}
 *       finds no entry to replace and the reader's late admission would put the old one in.</li>
 * </ul>
 *
 * <p>Readers may see an entry a moment older than RocksDB (between a block's write and its {@link
 * #applied}); that is a consistent committed pair, as if the read came just before the block, and
 * MVCC validation catches a transaction that acted on it. Entries are immutable: callers get copies.
 */
final class StateCache {
    /** Per-entry bookkeeping on top of key and value, roughly (object headers, the cache's node). */
    private static final int ENTRY_OVERHEAD_BYTES = 96;

    private final AtomicLong generation = new AtomicLong();
    private final Cache<String, VersionedValue> entries;

    /** @param maxBytes an estimate of the memory the entries may use (keys, values, bookkeeping) */
    StateCache(final long maxBytes) {
        // Maintenance (eviction) runs on the calling thread: the common pool has one thread on a
        // 2-core machine, and an eviction is cheap next to the read that caused it.
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, VersionedValue value) ->
                        ENTRY_OVERHEAD_BYTES + 2 * key.length() + value.value().length)
                .executor(Runnable::run)
                .build();
    }

    /** The cached entry of {@code key}, or {@code null}. Do not change its value array. */
    VersionedValue lookup(final String key) {
        return entries.getIfPresent(key);
    }

    /** Read before a RocksDB lookup whose result may be {@link #admit}ted. */
    long generation() {
        return generation.get();
    }

    /**
     * Offers a value read from RocksDB after {@link #generation()} returned {@code readAt}. It is
     * cached only if no block was being written when the read began and none has begun since; the
     * check runs under the entry's lock, which {@link #applied} takes too.
     */
    void admit(final String key, final VersionedValue value, final long readAt) {
        if ((readAt & 1) != 0) {
            return;
        }
        entries.asMap().compute(key, (k, present) -> {
            if (present != null) {
                return present;
            }
            return generation.get() == readAt ? value : null;
        });
    }

    void beginApply() {
        generation.incrementAndGet();
    }

    /**
     * After the write batch: {@code key} now holds {@code value} at {@code version}, or was deleted
     * ({@code value} null). Only an entry already cached is replaced: a block's writes are mostly
     * new keys (events, index entries) that would push out the ones read again and again.
     */
    void applied(final String key, final byte[] value, final Version version) {
        if (value == null) {
            entries.invalidate(key);
        } else {
            entries.asMap().computeIfPresent(key, (k, present) -> new VersionedValue(key, value.clone(), version));
        }
    }

    void endApply() {
        generation.incrementAndGet();
    }
}
