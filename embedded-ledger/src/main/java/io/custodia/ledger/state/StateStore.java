package io.custodia.ledger.state;

import io.custodia.ledger.DirectIo;
import io.custodia.ledger.LedgerException;
import io.custodia.ledger.block.BinaryReader;
import io.custodia.ledger.block.BinaryWriter;
import io.custodia.ledger.block.Block;
import io.custodia.ledger.block.KeyWrite;
import io.custodia.ledger.block.TransactionRecord;
import io.custodia.ledger.block.Version;
import io.custodia.ledger.ValidationCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.DataBlockIndexType;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * World state, history index, transaction-ID index and savepoint in one RocksDB column family, with
 * a one-byte prefix per kind of record:
 *
 * <ul>
 *   <li>{@code 's' key} → {@code u64 block | u32 tx | value}</li>
 *   <li>{@code 'h' u32 len | key | u64 block | u32 tx} → {@code u8 delete | u64 secs | u32 nanos | txId | value}</li>
 *   <li>{@code 't' txId} → {@code u64 block | u32 tx | u8 validation code (Fabric's number)} (stores
 *       written before the code was kept hold 12 bytes; their code is read from the block)</li>
 *   <li>{@code 'm' "savepoint"} → number of the last block applied</li>
 * </ul>
 *
 * <p>Each block is applied in one atomic write batch that also moves the savepoint, so the state is
 * always exactly "all blocks up to the savepoint". The RocksDB write-ahead log is off: blocks are the
 * log, and whatever RocksDB had not flushed at a crash is replayed from them on the next start.
 */
public final class StateStore implements AutoCloseable {
    private static final byte STATE = 's';
    private static final byte HISTORY = 'h';
    private static final byte TXID = 't';
    private static final byte[] SAVEPOINT = {'m', 's', 'a', 'v', 'e', 'p', 'o', 'i', 'n', 't'};
    /** Transactions applied between background memtable flushes; bounds replay after a crash. */
    private static final long FLUSH_EVERY_TRANSACTIONS = 200_000;

    static {
        RocksLibrary.load();
    }

    /**
     * Uncompressed blocks kept in memory. Trail pages read 100 events at random places of a
     * multi-gigabyte store; without this each read decompresses a block from the page cache again.
     */
    private static final long BLOCK_CACHE_BYTES = 256L << 20;
    /**
     * Committed entries kept decoded in memory ({@link StateCache}): 64 MB holds the active consents
     * of ~50,000 subjects, or every dataset record, whichever are read again and again.
     */
    private static final long CACHE_BYTES = 64L << 20;
    /** Bloom filter bits per key: about 1% false positives. */
    private static final double BLOOM_BITS_PER_KEY = 10;
    /**
     * Leading bytes of a key that also go into the Bloom filters, so a range scan whose whole range
     * shares them skips every file (and the memtable) without a key there. A chaincode range is a
     * composite-key prefix: 32 bytes hold {@code 's'}, the key type and the first characters of its
     * first attribute — enough to tell one subject's consents, one dataset's subjects or one
     * dataset's trail from the rest. An access request scans 100 subjects' consents twice (chaincode,
     * then MVCC validation); each scan sought into every level of the tree before. Files written
     * before this setting have whole-key filters only and are searched as before until compaction
     * rewrites them.
     */
    static final int FILTER_PREFIX_BYTES = 32;
    /** Memtable share for its prefix Bloom filter. */
    private static final double MEMTABLE_PREFIX_BLOOM_RATIO = 0.02;

    private final Options options;
    private final TableResources table;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    private final StateCache cache = new StateCache(CACHE_BYTES);
    private long appliedSinceFlush;

    private StateStore(final Options options, final TableResources table, final RocksDB db) {
        this.options = options;
        this.table = table;
        this.db = db;
        this.writeOptions = new WriteOptions().setDisableWAL(true);
    }

    /**
     * Flushes and compactions write (and read) SST files with {@code O_DIRECT} where the file system
     * allows it ({@link DirectIo}): their output is new files, and buffered it needed new page-cache
     * pages for every byte — on the benchmark machine RocksDB's compaction thread spent more time in
     * the kernel than compacting. Point reads still go through the page cache and the block cache.
     */
    public static StateStore open(final Path dir) {
        final TableResources table = new TableResources();
        final Options options = new Options().setCreateIfMissing(true).setTableFormatConfig(table.config())
                .useCappedPrefixExtractor(FILTER_PREFIX_BYTES)
                .setMemtablePrefixBloomSizeRatio(MEMTABLE_PREFIX_BLOOM_RATIO)
                .setUseDirectIoForFlushAndCompaction(DirectIo.supported(dir));
        try {
            java.nio.file.Files.createDirectories(dir);
            return new StateStore(options, table, RocksDB.open(options, dir.toString()));
        } catch (RocksDBException | java.io.IOException e) {
            options.close();
            table.close();
            throw new LedgerException("cannot open state database in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * How SST files are laid out for this workload, which is point reads (every {@code GetState},
     * the duplicate-transaction check, MVCC validation) more than scans. Bloom filters let a read
     * skip every file that cannot hold the key — without them a key in the last level, or a key that
     * does not exist (a new request ID, a new transaction ID), costs an index and a block search in
     * each level above it. The hash index inside data blocks replaces the binary search within a
     * block. The filters hold whole keys and {@link #FILTER_PREFIX_BYTES}-byte prefixes; see
     * {@link #range} for when a scan may use the latter.
     */
    private static final class TableResources implements AutoCloseable {
        private final Cache cache = new LRUCache(BLOCK_CACHE_BYTES);
        private final BloomFilter bloom = new BloomFilter(BLOOM_BITS_PER_KEY, false);

        BlockBasedTableConfig config() {
            return new BlockBasedTableConfig()
                    .setBlockCache(cache)
                    .setFilterPolicy(bloom)
                    .setDataBlockIndexType(DataBlockIndexType.kDataBlockBinaryAndHash);
        }

        @Override
        public void close() {
            bloom.close();
            cache.close();
        }
    }

    /** The last block applied, empty for a fresh store. */
    public OptionalLong savepoint() {
        final byte[] value = get(SAVEPOINT);
        return value == null ? OptionalLong.empty() : OptionalLong.of(new BinaryReader(value).u64());
    }

    public Optional<VersionedValue> get(final String key) {
        return Optional.ofNullable(committed(key)).map(StateStore::copyOf);
    }

    /** The committed version of {@code key}, without copying its value: what MVCC validation reads. */
    public Optional<Version> version(final String key) {
        return Optional.ofNullable(committed(key)).map(VersionedValue::version);
    }

    /** The committed entry, cached or read (and offered to the cache); shared, so never handed out. */
    private VersionedValue committed(final String key) {
        final VersionedValue cached = cache.lookup(key);
        if (cached != null) {
            return cached;
        }
        final long readAt = cache.generation();
        final byte[] raw = get(stateKey(key));
        if (raw == null) {
            return null;
        }
        final VersionedValue value = decodeState(key, raw);
        cache.admit(key, value, readAt);
        return value;
    }

    private static VersionedValue copyOf(final VersionedValue value) {
        return new VersionedValue(value.key(), value.value().clone(), value.version());
    }

    /** Where a transaction ID is on the ledger, if it is. */
    public Optional<Version> transactionPosition(final String txId) {
        return transaction(txId).map(TransactionIndexEntry::position);
    }

    /** Where a transaction is on the ledger and its validation code (Fabric's number, -1 if not kept), if it is. */
    public Optional<TransactionIndexEntry> transaction(final String txId) {
        return Optional.ofNullable(decodeTransaction(get(txIdKey(txId))));
    }

    /**
     * {@link #transaction} for many IDs in one RocksDB multi-get: a trail page looks up 100 at once.
     * The result has one element per ID, in order, null where the ledger has none.
     */
    public List<TransactionIndexEntry> transactions(final List<String> txIds) {
        final List<byte[]> keys = new ArrayList<>(txIds.size());
        txIds.forEach(id -> keys.add(txIdKey(id)));
        try {
            final List<byte[]> values = db.multiGetAsList(keys);
            final List<TransactionIndexEntry> out = new ArrayList<>(values.size());
            values.forEach(raw -> out.add(decodeTransaction(raw)));
            return out;
        } catch (RocksDBException e) {
            throw new LedgerException("state read failed: " + e.getMessage(), e);
        }
    }

    /** A row of the transaction-ID index. */
    public record TransactionIndexEntry(Version position, int validationCode) {}

    private static byte[] txIdKey(final String txId) {
        return prefixed(TXID, txId.getBytes(StandardCharsets.UTF_8));
    }

    private static TransactionIndexEntry decodeTransaction(final byte[] raw) {
        if (raw == null) {
            return null;
        }
        final BinaryReader in = new BinaryReader(raw);
        final Version position = new Version(in.u64(), in.u32());
        return new TransactionIndexEntry(position, raw.length > 12 ? raw[12] & 0xff : -1);
    }

    /**
     * Committed keys in {@code [startKey, endKey)} in byte order of their UTF-8 encoding (Fabric's
     * order); an empty {@code endKey} means no upper bound. The cursor must be closed.
     */
    public StateCursor range(final String startKey, final String endKey) {
        final byte[] start = stateKey(startKey);
        final byte[] end = endKey.isEmpty() ? new byte[] {STATE + 1} : stateKey(endKey);
        final Slice upperBound = new Slice(end);
        final ReadOptions read = new ReadOptions().setIterateUpperBound(upperBound);
        // With a prefix extractor configured, RocksDB's default seek is only defined within the seek
        // key's prefix. That is exactly right when both ends share the prefix (every key between them
        // does too); any other range must ask for a total-order seek.
        if (sharesFilterPrefix(start, end)) {
            read.setPrefixSameAsStart(true);
        } else {
            read.setTotalOrderSeek(true);
        }
        final RocksIterator iterator = db.newIterator(read);
        iterator.seek(start);
        return new StateCursor(iterator, end, read, upperBound);
    }

    /** Whether every key in {@code [start, end)} has the same {@link #FILTER_PREFIX_BYTES}-byte prefix. */
    static boolean sharesFilterPrefix(final byte[] start, final byte[] end) {
        return start.length >= FILTER_PREFIX_BYTES && end.length >= FILTER_PREFIX_BYTES
                && Arrays.equals(start, 0, FILTER_PREFIX_BYTES, end, 0, FILTER_PREFIX_BYTES);
    }

    /** All committed modifications of {@code key}, newest first (Fabric 2.x order). */
    public List<HistoryEntry> history(final String key) {
        final byte[] prefix = historyPrefix(key);
        final byte[] last = Arrays.copyOf(prefix, prefix.length + 12);
        Arrays.fill(last, prefix.length, last.length, (byte) 0xff);
        final List<HistoryEntry> out = new ArrayList<>();
        try (ReadOptions read = new ReadOptions().setTotalOrderSeek(true); RocksIterator it = db.newIterator(read)) {
            for (it.seekForPrev(last); it.isValid(); it.prev()) {
                final byte[] k = it.key();
                if (k.length != prefix.length + 12 || !Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
                    break;
                }
                final BinaryReader position = new BinaryReader(k, prefix.length, 12);
                final Version version = new Version(position.u64(), position.u32());
                final BinaryReader v = new BinaryReader(it.value());
                final boolean isDelete = v.u8() == 1;
                final java.time.Instant ts = java.time.Instant.ofEpochSecond(v.u64(), v.u32());
                out.add(new HistoryEntry(v.string(), ts, v.bytes(), isDelete, version));
            }
        }
        return out;
    }

    /** Applies the valid transactions of {@code block} and moves the savepoint to it, atomically. */
    public void apply(final Block block) {
        final List<BatchOp> ops = new ArrayList<>();
        final List<TransactionRecord> txs = block.transactions();
        for (int i = 0; i < txs.size(); i++) {
            final TransactionRecord tx = txs.get(i);
            if (tx.validationCode() != ValidationCode.DUPLICATE_TXID) {
                // A duplicate must not hide where the original is: the ID stays with the first one.
                final BinaryWriter position = new BinaryWriter(13).u64(block.number()).u32(i).u8(tx.validationCode().fabricCode());
                ops.add(new BatchOp(txIdKey(tx.txId()), position.toByteArray()));
            }
            if (tx.validationCode() != ValidationCode.VALID) {
                continue;
            }
            for (final KeyWrite write : tx.readWriteSet().writes()) {
                ops.add(new BatchOp(stateKey(write.key()), write.isDelete() ? null
                        : new BinaryWriter(12 + write.value().length).u64(block.number()).u32(i).raw(write.value())
                                .toByteArray()));
                final byte[] historyKey = new BinaryWriter().raw(historyPrefix(write.key()))
                        .u64(block.number()).u32(i).toByteArray();
                ops.add(new BatchOp(historyKey, new BinaryWriter(64 + write.value().length)
                        .u8(write.isDelete() ? 1 : 0)
                        .u64(tx.proposal().timestamp().getEpochSecond())
                        .u32(tx.proposal().timestamp().getNano())
                        .string(tx.txId())
                        .bytes(write.value())
                        .toByteArray()));
            }
        }
        ops.add(new BatchOp(SAVEPOINT, new BinaryWriter(8).u64(block.number()).toByteArray()));
        // In key order: the memtable is a skip list that starts each insert from where the previous
        // one ended, so neighbouring keys cost a short search instead of one from the top. In
        // transaction order — an access request's 100 subject-index entries are scattered over the
        // key space — that search was most of the block write's CPU. The sort is stable: a key
        // written twice in the block keeps its later value.
        ops.sort(BatchOp.KEY_ORDER);
        try (WriteBatch batch = new WriteBatch()) {
            for (final BatchOp op : ops) {
                if (op.value() == null) {
                    batch.delete(op.key());
                } else {
                    batch.put(op.key(), op.value());
                }
            }
            cache.beginApply();
            try {
                db.write(writeOptions, batch);
                refreshCache(block);
            } finally {
                cache.endApply();
            }
            appliedSinceFlush += txs.size();
            if (appliedSinceFlush >= FLUSH_EVERY_TRANSACTIONS) {
                appliedSinceFlush = 0;
                try (FlushOptions flush = new FlushOptions().setWaitForFlush(false)) {
                    db.flush(flush);
                }
            }
        } catch (RocksDBException e) {
            throw new LedgerException("cannot apply block " + block.number() + " to the state: " + e.getMessage(), e);
        }
    }

    /** A put, or a delete when {@code value} is null. */
    private record BatchOp(byte[] key, byte[] value) {
        static final Comparator<BatchOp> KEY_ORDER = (a, b) -> Arrays.compareUnsigned(a.key, b.key);
    }

    /** The cached entries of the keys {@code block} wrote, in write order: a later write wins. */
    private void refreshCache(final Block block) {
        final List<TransactionRecord> txs = block.transactions();
        for (int i = 0; i < txs.size(); i++) {
            final TransactionRecord tx = txs.get(i);
            if (tx.validationCode() != ValidationCode.VALID) {
                continue;
            }
            final Version version = new Version(block.number(), i);
            for (final KeyWrite write : tx.readWriteSet().writes()) {
                cache.applied(write.key(), write.isDelete() ? null : write.value(), version);
            }
        }
    }

    private byte[] get(final byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw new LedgerException("state read failed: " + e.getMessage(), e);
        }
    }

    static byte[] stateKey(final String key) {
        return prefixed(STATE, key.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] historyPrefix(final String key) {
        final byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return new BinaryWriter(5 + k.length).u8(HISTORY).bytes(k).toByteArray();
    }

    private static byte[] prefixed(final byte prefix, final byte[] rest) {
        final byte[] out = new byte[rest.length + 1];
        out[0] = prefix;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    static VersionedValue decodeState(final String key, final byte[] raw) {
        final BinaryReader in = new BinaryReader(raw, 0, 12);
        final Version version = new Version(in.u64(), in.u32());
        return new VersionedValue(key, Arrays.copyOfRange(raw, 12, raw.length), version);
    }

    @Override
    public void close() {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
        } catch (RocksDBException e) {
            // State is derived from blocks: anything not flushed is replayed on the next start.
        }
        db.close();
        writeOptions.close();
        options.close();
        table.close();
    }
}
