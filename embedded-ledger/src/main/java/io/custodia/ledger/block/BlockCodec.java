package io.custodia.ledger.block;

import io.custodia.canonical.Hashes;
import io.custodia.ledger.ValidationCode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one binary encoding of blocks. Layout of an encoded block:
 *
 * <pre>
 * u64 number | u32 txCount | bytes previousHash | bytes dataHash | u64 timestampMillis | bytes data | bytes nodeSignature
 * data = u32 n, bytes creator * n | u32 txCount, bytes tx * txCount | bytes config
 * </pre>
 *
 * <p>All variable fields are length-prefixed; the data hash is {@code Hashes.tagged("custodia.block.data.v1", data)}.
 */
public final class BlockCodec {
    private static final String DATA_DOMAIN = "custodia.block.data.v1";
    private static final byte[] NO_HASH = new byte[32];

    private BlockCodec() {}

    /** A decoded block with the exact data bytes it was read from (for hashing). */
    public record Decoded(Block block, byte[] rawData) {
        /** Hash of the data bytes as stored. */
        public byte[] computedDataHash() {
            return dataHash(rawData);
        }
    }

    /** The previous hash of block 0. */
    public static byte[] genesisPreviousHash() {
        return NO_HASH.clone();
    }

    public static byte[] dataHash(final byte[] data) {
        return Hashes.tagged(DATA_DOMAIN, data);
    }

    /** A freshly built block and its encoding (so the writer does not encode it twice). */
    public record Built(Block block, byte[] bytes) {}

    /**
     * Builds and signs a block: collects the creator table, encodes the data, hashes it and has
     * {@code signer} sign the header hash.
     */
    public static Block build(final long number, final byte[] previousHash, final long timestampMillis,
            final List<TransactionRecord> transactions, final byte[] config, final Function<byte[], byte[]> signer) {
        return buildEncoded(number, previousHash, timestampMillis, transactions, config, signer).block();
    }

    /** As {@link #build}, also returning the block's encoding. */
    public static Built buildEncoded(final long number, final byte[] previousHash, final long timestampMillis,
            final List<TransactionRecord> transactions, final byte[] config, final Function<byte[], byte[]> signer) {
        final List<byte[]> creators = new ArrayList<>();
        final Map<ByteBuffer, Integer> index = new HashMap<>();
        for (final TransactionRecord tx : transactions) {
            index.computeIfAbsent(ByteBuffer.wrap(tx.proposal().creator()), key -> {
                creators.add(tx.proposal().creator());
                return creators.size() - 1;
            });
        }
        final byte[] data = encodeData(creators, index, transactions, config);
        final byte[] dataHash = dataHash(data);
        final byte[] headerHash = Block.headerHash(number, transactions.size(), previousHash, dataHash, timestampMillis);
        final Block block = new Block(number, previousHash, dataHash, timestampMillis, creators, transactions, config,
                signer.apply(headerHash));
        return new Built(block, encode(block, data));
    }

    public static byte[] encode(final Block block) {
        final Map<ByteBuffer, Integer> index = new HashMap<>();
        for (int i = 0; i < block.creators().size(); i++) {
            index.put(ByteBuffer.wrap(block.creators().get(i)), i);
        }
        return encode(block, encodeData(block.creators(), index, block.transactions(), block.config()));
    }

    private static byte[] encode(final Block block, final byte[] data) {
        return new BinaryWriter(data.length + 256)
                .u64(block.number())
                .u32(block.transactions().size())
                .bytes(block.previousHash())
                .bytes(block.dataHash())
                .u64(block.timestampMillis())
                .bytes(data)
                .bytes(block.nodeSignature())
                .toByteArray();
    }

    public static Decoded decode(final byte[] bytes) {
        final BinaryReader in = new BinaryReader(bytes);
        final long number = in.u64();
        final int txCount = in.u32();
        final byte[] previousHash = in.bytes();
        final byte[] dataHash = in.bytes();
        final long timestamp = in.u64();
        final byte[] data = in.bytes();
        final byte[] signature = in.bytes();
        in.requireEnd();

        final BinaryReader d = new BinaryReader(data);
        final int creatorCount = d.count();
        final List<byte[]> creators = new ArrayList<>(creatorCount);
        final Set<ByteBuffer> distinct = new HashSet<>();
        for (int i = 0; i < creatorCount; i++) {
            final byte[] creator = d.bytes();
            // The encoder lists each creator once; a repeat would re-encode differently.
            if (!distinct.add(ByteBuffer.wrap(creator))) {
                throw new MalformedBlockException("creator " + i + " is listed twice");
            }
            creators.add(creator);
        }
        final int storedTxCount = d.count();
        if (storedTxCount != txCount) {
            throw new MalformedBlockException("header says " + txCount + " transactions, data holds " + storedTxCount);
        }
        final List<TransactionRecord> transactions = new ArrayList<>(txCount);
        for (int i = 0; i < txCount; i++) {
            transactions.add(decodeTransaction(new BinaryReader(d.bytes()), creators));
        }
        final byte[] config = d.bytes();
        d.requireEnd();
        return new Decoded(new Block(number, previousHash, dataHash, timestamp, creators, transactions, config, signature), data);
    }

    private static byte[] encodeData(final List<byte[]> creators, final Map<ByteBuffer, Integer> creatorIndex,
            final List<TransactionRecord> transactions, final byte[] config) {
        int sizeHint = 1024 + config.length;
        for (final byte[] creator : creators) {
            sizeHint += 4 + creator.length;
        }
        for (final TransactionRecord tx : transactions) {
            sizeHint += sizeHint(tx);
        }
        final BinaryWriter out = new BinaryWriter(sizeHint);
        out.u32(creators.size());
        for (final byte[] creator : creators) {
            out.bytes(creator);
        }
        out.u32(transactions.size());
        for (final TransactionRecord tx : transactions) {
            final int creator = creatorIndex.get(ByteBuffer.wrap(tx.proposal().creator()));
            out.field(w -> writeTransaction(w, tx, creator));
        }
        out.bytes(config);
        return out.toByteArray();
    }

    /**
     * Roughly the bytes {@link #writeTransaction} writes, so the block's buffer is allocated once:
     * growing it by doubling copied a 100-transaction block's bytes several times over.
     */
    private static int sizeHint(final TransactionRecord tx) {
        int hint = 512 + tx.response().length + tx.signature().length;
        for (final byte[] arg : tx.proposal().args()) {
            hint += 4 + arg.length;
        }
        hint += 96 * tx.readWriteSet().reads().size();
        for (final KeyWrite write : tx.readWriteSet().writes()) {
            hint += 16 + write.key().length() + (write.value() == null ? 0 : write.value().length);
        }
        return hint;
    }

    private static void writeTransaction(final BinaryWriter out, final TransactionRecord tx, final int creatorIndex) {
        final Proposal p = tx.proposal();
        out.string(p.channelId()).string(p.chaincodeId()).string(p.txId())
                .u64(p.timestamp().getEpochSecond()).u32(p.timestamp().getNano())
                .u32(creatorIndex).bytes(p.nonce()).string(p.function()).u32(p.args().size());
        for (final byte[] arg : p.args()) {
            out.bytes(arg);
        }
        out.bytes(tx.signature());
        final ReadWriteSet rw = tx.readWriteSet();
        out.u32(rw.reads().size());
        for (final KeyRead read : rw.reads()) {
            writeRead(out, read);
        }
        out.u32(rw.rangeReads().size());
        for (final RangeRead range : rw.rangeReads()) {
            out.string(range.startKey()).string(range.endKey()).u8(range.exhausted() ? 1 : 0).u32(range.reads().size());
            for (final KeyRead read : range.reads()) {
                writeRead(out, read);
            }
        }
        out.u32(rw.writes().size());
        for (final KeyWrite write : rw.writes()) {
            out.string(write.key()).u8(write.isDelete() ? 1 : 0).bytes(write.value());
        }
        out.bytes(tx.response());
        if (tx.event().isPresent()) {
            out.u8(1).string(tx.event().get().name()).bytes(tx.event().get().payload());
        } else {
            out.u8(0);
        }
        out.u8(tx.validationCode().fabricCode());
    }

    private static void writeRead(final BinaryWriter out, final KeyRead read) {
        out.string(read.key());
        if (read.version() == null) {
            out.u8(0);
        } else {
            out.u8(1).u64(read.version().blockNumber()).u32(read.version().txIndex());
        }
    }

    private static TransactionRecord decodeTransaction(final BinaryReader in, final List<byte[]> creators) {
        final String channel = in.string();
        final String chaincode = in.string();
        final String txId = in.string();
        final Instant timestamp = timestamp(in, txId);
        final int creatorIndex = in.u32();
        if (creatorIndex < 0 || creatorIndex >= creators.size()) {
            throw new MalformedBlockException("transaction " + txId + " names creator " + creatorIndex + " of " + creators.size());
        }
        final byte[] nonce = in.bytes();
        final String function = in.string();
        final int argCount = in.count();
        final List<byte[]> args = new ArrayList<>(argCount);
        for (int i = 0; i < argCount; i++) {
            args.add(in.bytes());
        }
        final byte[] signature = in.bytes();
        final int readCount = in.count();
        final List<KeyRead> reads = new ArrayList<>(readCount);
        for (int i = 0; i < readCount; i++) {
            reads.add(readRead(in));
        }
        final int rangeCount = in.count();
        final List<RangeRead> ranges = new ArrayList<>(rangeCount);
        for (int i = 0; i < rangeCount; i++) {
            final String start = in.string();
            final String end = in.string();
            final boolean exhausted = in.flag();
            final int n = in.count();
            final List<KeyRead> rangeReads = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                rangeReads.add(readRead(in));
            }
            ranges.add(new RangeRead(start, end, exhausted, rangeReads));
        }
        final int writeCount = in.count();
        final List<KeyWrite> writes = new ArrayList<>(writeCount);
        for (int i = 0; i < writeCount; i++) {
            writes.add(new KeyWrite(in.string(), in.flag(), in.bytes()));
        }
        final byte[] response = in.bytes();
        final Optional<TransactionEvent> event =
                in.flag() ? Optional.of(new TransactionEvent(in.string(), in.bytes())) : Optional.empty();
        final ValidationCode code;
        try {
            code = ValidationCode.fromFabricCode(in.u8());
        } catch (IllegalArgumentException e) {
            throw new MalformedBlockException("transaction " + txId + ": " + e.getMessage());
        }
        in.requireEnd();
        final Proposal proposal = new Proposal(channel, chaincode, txId, timestamp, creators.get(creatorIndex), nonce, function, args);
        return new TransactionRecord(proposal, signature, new ReadWriteSet(reads, ranges, writes), response, event, code);
    }

    private static KeyRead readRead(final BinaryReader in) {
        final String key = in.string();
        return new KeyRead(key, in.flag() ? new Version(in.u64(), in.u32()) : null);
    }

    /** Seconds and nanoseconds as written from an {@link Instant}: anything out of its range is corruption. */
    private static Instant timestamp(final BinaryReader in, final String txId) {
        final long seconds = in.u64();
        final int nanos = in.u32();
        if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond() || nanos < 0 || nanos > 999_999_999) {
            throw new MalformedBlockException("transaction " + txId + " has an impossible timestamp " + seconds + "s " + nanos + "ns");
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
