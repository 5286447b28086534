package io.custodia.gateway.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Weigher;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decrypted item pointers of subjects recently resolved by the access flow, and their datasets'
 * storage URIs, each valid only under the {@link ItemChangeMark} it was read with.
 *
 * <p>Why: reading 100 subjects' rows, unwrapping their data keys and decrypting their pointers was a
 * quarter of a PERMIT's CPU, while a dataset's items change only when it is registered, when a
 * subject is erased, or when items are put again; requests for the same datasets repeat.
 *
 * <p>Coherence, across every process sharing the database: a read of pointers first reads the mark and
 * then uses only the {@link Generation} of that mark. A new mark starts an empty generation and drops
 * the older one, and entries are added only to the generation of the mark read before the row was. So
 * an erasure (which advances the mark when it commits) is seen by the first read that starts after its
 * commit, whichever gateway ran it, and that read finds no cached pointer of the erased subject. The
 * store also drops every entry when it erases and again when it compacts after the erasure committed
 * (hygiene: erased pointers should not stay in memory until the next read). Reads inside a caller's
 * transaction bypass the cache: they may see the transaction's own uncommitted mark.
 *
 * <p>What it costs: pointers in memory in the clear, as they are anyway while a response is built;
 * bounded by {@code maxBytes} (0 turns the cache off; storage URIs take at most an eighth of it).
 * Subjects without items, and datasets without a pointer, are never cached: their insertion does not
 * advance the mark.
 */
final class PointerCache {
    /** Per entry on top of the pointer characters: key strings, list, node (roughly). */
    private static final int ENTRY_OVERHEAD_BYTES = 320;

    private final long maxBytes;
    private final AtomicReference<Generation> current;

    PointerCache(final long maxBytes) {
        this.maxBytes = maxBytes;
        this.current = new AtomicReference<>(Generation.DETACHED);
    }

    /**
     * The entries valid under {@code mark} (read from the database before the caller reads any row).
     * A mark older than the current one gets a generation that keeps nothing: its reader raced with a
     * change it may not see.
     */
    Generation at(final long mark) {
        if (maxBytes <= 0) {
            return Generation.DETACHED;
        }
        while (true) {
            final Generation seen = current.get();
            if (seen.mark == mark) {
                return seen;
            }
            if (seen.mark > mark) {
                return Generation.DETACHED;
            }
            final Generation next = new Generation(mark,
                    weighted(maxBytes - maxBytes / 8, (Key key, List<String> pointers) -> ENTRY_OVERHEAD_BYTES
                            + 2 * pointers.stream().mapToInt(String::length).sum()),
                    weighted(maxBytes / 8, (String datasetId, String uri) -> ENTRY_OVERHEAD_BYTES
                            + 2 * (datasetId.length() + uri.length())));
            if (current.compareAndSet(seen, next)) {
                seen.invalidateAll();
                return next;
            }
        }
    }

    /**
     * The newest generation, for a read that uses what memory holds without reading the mark first
     * ({@link SubjectItemPointers#cachedPointersOf}): it may be older than the database's mark, so such
     * a read is re-checked against the mark inside the caller's transaction.
     */
    Generation latest() {
        return current.get();
    }

    /**
     * Drops the newest generation when {@code markSeen} is past it: its entries may be stale, and the
     * next read from the database starts the generation of the mark it reads.
     */
    void retireBefore(final long markSeen) {
        final Generation seen = current.get();
        if (seen.mark < markSeen && current.compareAndSet(seen, Generation.DETACHED)) {
            seen.invalidateAll();
        }
    }

    /** Drops every entry (after an erasure); the next read starts a generation under its own mark. */
    void clear() {
        current.get().invalidateAll();
    }

    private static <K, V> Cache<K, V> weighted(final long maxBytes, final Weigher<K, V> weigher) {
        // Eviction on the calling thread: the common pool has one thread on a 2-core machine.
        return Caffeine.newBuilder().maximumWeight(maxBytes).weigher(weigher).executor(Runnable::run).build();
    }

    private record Key(String datasetId, String subjectRef) {}

    /** The entries of one mark. */
    static final class Generation {
        /** For reads that must not keep what they read. */
        static final Generation DETACHED = new Generation(Long.MIN_VALUE, null, null);

        private final long mark;
        private final Cache<Key, List<String>> entries;
        private final Cache<String, String> storageUris;

        private Generation(final long mark, final Cache<Key, List<String>> entries,
                final Cache<String, String> storageUris) {
            this.mark = mark;
            this.entries = entries;
            this.storageUris = storageUris;
        }

        /** The mark every entry was read under. */
        long mark() {
            return mark;
        }

        /** The pointers of the subject in the dataset, or {@code null}. */
        List<String> get(final String datasetId, final String subjectRef) {
            return entries == null ? null : entries.getIfPresent(new Key(datasetId, subjectRef));
        }

        /** {@code pointers} must be immutable and read after this generation's mark was. */
        void put(final String datasetId, final String subjectRef, final List<String> pointers) {
            if (entries != null) {
                entries.put(new Key(datasetId, subjectRef), pointers);
            }
        }

        /** The dataset's storage URI, or {@code null}. */
        String storageUri(final String datasetId) {
            return storageUris == null ? null : storageUris.getIfPresent(datasetId);
        }

        /** {@code uri} must have been read after this generation's mark was. */
        void putStorageUri(final String datasetId, final String uri) {
            if (storageUris != null) {
                storageUris.put(datasetId, uri);
            }
        }

        private void invalidateAll() {
            if (entries != null) {
                entries.invalidateAll();
                storageUris.invalidateAll();
            }
        }
    }
}
