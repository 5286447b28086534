package io.custodia.ledger.verify;

import com.google.protobuf.InvalidProtocolBufferException;
import io.custodia.canonical.Hashes;
import io.custodia.canonical.Signatures;
import io.custodia.ledger.VerificationAnchor;
import io.custodia.ledger.VerificationReport;
import io.custodia.ledger.block.Block;
import io.custodia.ledger.block.BlockCodec;
import io.custodia.ledger.block.BlockFrames;
import io.custodia.ledger.block.LedgerGenesis;
import io.custodia.ledger.block.MalformedBlockException;
import io.custodia.ledger.block.Proposal;
import io.custodia.ledger.block.TransactionRecord;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * Walks the block files from the first byte and checks, for every block: the frame and its CRC,
 * that it is the next block number, the previous-hash link, the data hash, the node signature
 * (against the node identity fixed in block 0), and for every transaction its ID rule and its
 * creator's signature. Reports the first bad block and why.
 *
 * <p>Structure and hashes are checked in order on the calling thread; signatures, the expensive
 * part (one ECDSA P-256 verification per transaction, over 95% of the time), are checked on a pool in
 * parallel, and the earliest failure wins. Given a {@link VerificationAnchor} from an earlier run, every
 * block is still read and re-hashed, the anchor block must still have the anchored header hash, and
 * signatures are checked only after it.
 *
 * <pre>{@code
 * VerificationReport report = LedgerVerifier.verify(dataDir.resolve("blocks"), Long.MAX_VALUE);
 * }</pre>
 */
public final class LedgerVerifier {
    private final Map<ByteBuffer, PublicKey> keys = new ConcurrentHashMap<>();
    private final ExecutorService pool;
    private final int window;
    private LedgerGenesis genesis;
    private PublicKey nodeKey;
    private String nodeFingerprint = "";
    private final String expectedNodeFingerprint;
    private final VerificationAnchor anchor;
    private final long signaturesFrom;
    private long blocks;
    private long transactions;
    private byte[] headHash;

    private LedgerVerifier(final int threads, final String expectedNodeFingerprint, final VerificationAnchor anchor) {
        this.expectedNodeFingerprint = expectedNodeFingerprint;
        this.anchor = anchor;
        this.signaturesFrom = anchor == null ? 0 : anchor.block() + 1;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            final Thread t = new Thread(r, "custodia-ledger-verify");
            t.setDaemon(true);
            return t;
        });
        this.window = threads * 4;
    }

    /** Verifies at most {@code maxBlocks} blocks of the ledger whose block files are in {@code blocksDir}. */
    public static VerificationReport verify(final Path blocksDir, final long maxBlocks) {
        return verify(blocksDir, maxBlocks, null);
    }

    /**
     * As {@link #verify(Path, long)}, also requiring that block 0 names the node certificate with
     * SHA-256 fingerprint {@code expectedNodeFingerprint} (hex; {@code null} to accept any). Without a
     * pinned fingerprint, a ledger rewritten end to end under another node key would verify.
     */
    public static VerificationReport verify(final Path blocksDir, final long maxBlocks, final String expectedNodeFingerprint) {
        return verify(blocksDir, maxBlocks, expectedNodeFingerprint, null);
    }

    /**
     * As {@link #verify(Path, long, String)}, checking signatures only after {@code anchor} (a block an
     * earlier verification found intact; {@code null} for a full verification). Block {@code anchor.block()}
     * must still hash to the anchored header hash, or the ledger is reported bad at that block.
     */
    public static VerificationReport verify(final Path blocksDir, final long maxBlocks, final String expectedNodeFingerprint,
            final VerificationAnchor anchor) {
        final LedgerVerifier verifier =
                new LedgerVerifier(Math.max(1, Runtime.getRuntime().availableProcessors()), expectedNodeFingerprint, anchor);
        try {
            return verifier.run(blocksDir, maxBlocks);
        } finally {
            verifier.pool.shutdownNow();
        }
    }

    private record Pending(long number, Future<Optional<String>> result) {}

    private VerificationReport run(final Path blocksDir, final long maxBlocks) {
        final ArrayDeque<Pending> pending = new ArrayDeque<>();
        final List<Path> segments;
        try {
            segments = BlockFrames.segments(blocksDir);
        } catch (IOException e) {
            return bad(0, e.getMessage());
        }
        if (segments.isEmpty()) {
            return bad(0, "no block files in " + blocksDir);
        }
        long position = 0;
        byte[] previousHash = BlockCodec.genesisPreviousHash();
        for (final Path segment : segments) {
            try (InputStream raw = Files.newInputStream(segment);
                    DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 20))) {
                long offset = 0;
                while (position < maxBlocks) {
                    final String where = segment.getFileName() + " offset " + offset;
                    final int magic;
                    final int first = in.read();
                    if (first < 0) {
                        break;
                    }
                    try {
                        magic = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedShort());
                    } catch (EOFException end) {
                        // 1-3 bytes after the last block: not a block, and not nothing either.
                        return finish(pending, position, "trailing bytes after the last block at " + where
                                + " (damaged or foreign bytes)");
                    }
                    if (magic != BlockFrames.MAGIC) {
                        return finish(pending, position, "no block frame at " + where + " (damaged or foreign bytes)");
                    }
                    final int length = in.readInt();
                    if (length <= 0 || length > BlockFrames.MAX_BLOCK_BYTES) {
                        return finish(pending, position, "implausible block length " + length + " at " + where);
                    }
                    final byte[] bytes = new byte[length];
                    final int crc;
                    try {
                        in.readFully(bytes);
                        crc = in.readInt();
                    } catch (EOFException torn) {
                        return finish(pending, position, "incomplete block at end of " + segment.getFileName() + " (torn write)");
                    }
                    if (crc != BlockFrames.crc(bytes)) {
                        return finish(pending, position, "checksum mismatch at " + where + ": block bytes were altered");
                    }
                    offset += BlockFrames.HEADER + length + BlockFrames.TRAILER;
                    final BlockCodec.Decoded decoded;
                    try {
                        decoded = BlockCodec.decode(bytes);
                    } catch (MalformedBlockException e) {
                        return finish(pending, position, "undecodable block at " + where + ": " + e.getMessage());
                    }
                    final Block block = decoded.block();
                    final String problem = checkStructure(position, block, decoded, previousHash);
                    if (problem != null) {
                        return finish(pending, position, problem);
                    }
                    final byte[] headerHash = block.headerHash();
                    if (anchor != null && position == anchor.block() && !Hashes.hex(headerHash).equals(anchor.headerHash())) {
                        return finish(pending, position, "header hash " + Hashes.hex(headerHash) + " is not the trusted anchor's "
                                + anchor.headerHash() + ": this block or an earlier one was rewritten since the anchor was taken");
                    }
                    pending.add(new Pending(position, position < signaturesFrom
                            ? CompletableFuture.completedFuture(Optional.empty())
                            : pool.submit(() -> checkSignatures(block))));
                    transactions += block.transactions().size();
                    previousHash = headerHash;
                    headHash = headerHash;
                    position++;
                    while (pending.size() > window) {
                        final Pending head = pending.poll();
                        final Optional<String> bad = outcome(head);
                        if (bad.isPresent()) {
                            return bad(head.number(), bad.get());
                        }
                        blocks++;
                    }
                }
            } catch (IOException e) {
                return finish(pending, position, "cannot read " + segment.getFileName() + ": " + e.getMessage());
            }
        }
        return finish(pending, position, null);
    }

    private String checkStructure(final long position, final Block block, final BlockCodec.Decoded decoded,
            final byte[] previousHash) {
        if (block.number() != position) {
            return "expected block " + position + " here but found block " + block.number()
                    + " (a block is missing, duplicated or out of order)";
        }
        if (!Arrays.equals(block.previousHash(), previousHash)) {
            return "previous-hash link broken: expected " + Hashes.hex(previousHash) + ", block says "
                    + Hashes.hex(block.previousHash());
        }
        final byte[] computed = decoded.computedDataHash();
        if (!Arrays.equals(computed, block.dataHash())) {
            return "data hash mismatch: computed " + Hashes.hex(computed) + ", header says " + Hashes.hex(block.dataHash());
        }
        if (position == 0) {
            try {
                genesis = LedgerGenesis.decode(block.config());
                nodeKey = publicKey(genesis.nodeIdentity());
                nodeFingerprint = Hashes.sha256Hex(nodeKey.getEncoded());
            } catch (MalformedBlockException | CertificateException | InvalidProtocolBufferException e) {
                return "genesis configuration unreadable: " + e.getMessage();
            }
            if (!block.transactions().isEmpty()) {
                return "genesis block holds transactions";
            }
            if (expectedNodeFingerprint != null && !expectedNodeFingerprint.equalsIgnoreCase(nodeFingerprint)) {
                return "node key fingerprint " + nodeFingerprint + " is not the pinned " + expectedNodeFingerprint;
            }
        } else if (block.config().length != 0) {
            return "configuration found outside the genesis block";
        }
        for (final TransactionRecord tx : block.transactions()) {
            final Proposal p = tx.proposal();
            if (!p.channelId().equals(genesis.channelId()) || !p.chaincodeId().equals(genesis.chaincodeId())) {
                return "transaction " + p.txId() + " names channel/chaincode " + p.channelId() + "/" + p.chaincodeId()
                        + " not of this ledger";
            }
            if (!p.txId().equals(Proposal.computeTxId(p.nonce(), p.creator()))) {
                return "transaction " + p.txId() + " ID does not match its nonce and creator";
            }
        }
        return null;
    }

    private Optional<String> checkSignatures(final Block block) {
        if (!Signatures.verify(nodeKey, block.headerHash(), block.nodeSignature())) {
            return Optional.of("node signature over the block header does not verify");
        }
        final List<TransactionRecord> txs = block.transactions();
        for (int i = 0; i < txs.size(); i++) {
            final TransactionRecord tx = txs.get(i);
            final PublicKey key;
            try {
                key = publicKey(tx.proposal().creator());
            } catch (CertificateException | InvalidProtocolBufferException e) {
                return Optional.of("transaction " + i + " (" + tx.txId() + ") has an unreadable creator: " + e.getMessage());
            }
            if (!Signatures.verify(key, tx.proposal().signingBytes(), tx.signature())) {
                return Optional.of("transaction " + i + " (" + tx.txId() + ") signature does not verify against its creator");
            }
        }
        return Optional.empty();
    }

    private PublicKey publicKey(final byte[] serializedIdentity) throws CertificateException, InvalidProtocolBufferException {
        final ByteBuffer cacheKey = ByteBuffer.wrap(serializedIdentity);
        final PublicKey cached = keys.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        final SerializedIdentity identity = SerializedIdentity.parseFrom(serializedIdentity);
        final PublicKey key = Signatures.parseCertificate(identity.getIdBytes().toString(StandardCharsets.UTF_8)).getPublicKey();
        keys.put(cacheKey, key);
        return key;
    }

    private Optional<String> outcome(final Pending pending) {
        try {
            return pending.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("verification interrupted");
        } catch (ExecutionException e) {
            return Optional.of("signature check failed: " + e.getCause());
        }
    }

    /** Drains the signature checks in order; an earlier signature failure beats {@code problem} at {@code position}. */
    private VerificationReport finish(final ArrayDeque<Pending> pending, final long position, final String problem) {
        while (!pending.isEmpty()) {
            final Pending next = pending.poll();
            final Optional<String> bad = outcome(next);
            if (bad.isPresent()) {
                return bad(next.number(), bad.get());
            }
            blocks++;
        }
        if (problem != null) {
            return bad(position, problem);
        }
        if (position == 0) {
            return bad(0, "the ledger has no blocks");
        }
        if (anchor != null && anchor.block() >= position) {
            return bad(position, "the ledger ends at block " + (position - 1) + ", before the trusted anchor block "
                    + anchor.block() + ": blocks were removed since the anchor was taken");
        }
        return VerificationReport.intact(blocks, transactions, signaturesFrom, new VerificationAnchor(position - 1, Hashes.hex(headHash)),
                nodeFingerprint);
    }

    private VerificationReport bad(final long block, final String reason) {
        return VerificationReport.bad(blocks, transactions, signaturesFrom, block, reason, nodeFingerprint);
    }
}
