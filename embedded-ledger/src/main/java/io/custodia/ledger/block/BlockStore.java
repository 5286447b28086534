package io.custodia.ledger.block;

import io.custodia.ledger.CommittedBlocksMissingException;
import io.custodia.ledger.LedgerException;
import io.custodia.ledger.LedgerStorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only block files with an in-memory index from block number to file position.
 *
 * <p>Opening walks the frame headers (cheap: no payload is read) and checks the CRC of the last
 * frame. {@link #append} returns only after {@link FileChannel#force}, then records the new height in
 * {@link CommittedHead} (before the caller acknowledges anything). So the rule on opening is exact:
 *
 * <ul>
 *   <li>a torn or partial frame at the end of the last file, above the committed height, was never
 *       acknowledged (it had not been forced when the process stopped): it is cut, with a warning
 *       naming the bytes;</li>
 *   <li>if the intact blocks end below the committed height (the larger of {@code committed-head} and
 *       the height the caller's state has seen), committed blocks are missing or damaged: opening is
 *       refused with {@link CommittedBlocksMissingException} naming them, and nothing is changed;</li>
 *   <li>damage followed by valid blocks is refused, because cutting there would drop them.</li>
 * </ul>
 *
 * <p>A failed append (disk full, I/O error) throws {@link LedgerStorageException} after cutting what
 * it wrote of its frame, so the file never holds half a frame before later ones; if even that cut
 * fails, the next append makes it first.
 *
 * <p>Appends come from one writer thread; reads may come from any thread.
 */
public final class BlockStore implements AutoCloseable {
    /** A segment is closed for appends once it reaches this size. */
    static final long SEGMENT_BYTES = 64L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(BlockStore.class);

    private final Path dir;
    private final UnaryOperator<FileChannel> wrap;
    private final List<FileChannel> channels = new ArrayList<>();
    private int[] segmentOf = new int[1024];
    private long[] offsetOf = new long[1024];
    private int[] lengthOf = new int[1024];
    private volatile long height;
    private volatile long transactionCount;
    private SegmentAppender appender;
    private CommittedHead head;
    /** CRC of the last block's bytes, as {@link CommittedHead} records it. */
    private int lastCrc;
    /** Set when a failed append may have left bytes after the last frame that are not cut yet. */
    private boolean dirty;
    private long truncatedBytes;

    private BlockStore(final Path dir, final UnaryOperator<FileChannel> wrap) {
        this.dir = dir;
        this.wrap = wrap;
    }

    /** Opens (creating if needed) the block files in {@code dir}, recovering from a torn tail. */
    public static BlockStore open(final Path dir) {
        return open(dir, 0, UnaryOperator.identity());
    }

    /**
     * As {@link #open(Path)}, refusing to open if fewer than {@code witnessedHeight} blocks are intact
     * (the caller's state has applied that many, so they were forced to disk), and with every block-file
     * channel passed through {@code wrap} (identity in production; fault injection in tests).
     */
    public static BlockStore open(final Path dir, final long witnessedHeight, final UnaryOperator<FileChannel> wrap) {
        return open(dir, witnessedHeight, wrap, false);
    }

    /**
     * Opens for repair: committed blocks that are missing or damaged at the end are given up — the
     * tail after the last intact block is cut and {@code committed-head} is rewritten (forced) to what
     * is left. Damage followed by valid blocks is still refused.
     */
    public static BlockStore openAcceptingLoss(final Path dir) {
        final BlockStore store = open(dir, 0, UnaryOperator.identity(), true);
        try {
            if (store.height > 0) {
                store.head.writeDurably(store.height, store.lastCrc);
            }
            return store;
        } catch (IOException e) {
            store.close();
            throw new LedgerException("cannot rewrite " + dir.resolve(CommittedHead.FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The height {@code committed-head} in {@code dir} records (0 if it is missing or unreadable). */
    public static long committedHeight(final Path dir) {
        try {
            return CommittedHead.read(dir).map(CommittedHead.Head::height).orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    private static BlockStore open(final Path dir, final long witnessedHeight, final UnaryOperator<FileChannel> wrap,
            final boolean acceptLoss) {
        final BlockStore store = new BlockStore(dir, wrap);
        try {
            Files.createDirectories(dir);
            store.load(witnessedHeight, acceptLoss);
            return store;
        } catch (IOException e) {
            store.close();
            throw new LedgerException("cannot open block files in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Where the frames of the last segment end and, if they end in damage, what it is. */
    private record Scan(long end, long size, String problem) {}

    private void load(final long witnessedHeight, final boolean acceptLoss) throws IOException {
        Optional<CommittedHead.Head> recorded;
        try {
            recorded = CommittedHead.read(dir);
        } catch (IOException e) {
            // Only a power loss while it was rewritten can tear it; the state's savepoint still witnesses.
            LOG.warn("ignoring {}: {}", dir.resolve(CommittedHead.FILE), e.getMessage());
            recorded = Optional.empty();
        }
        final long committed = Math.max(witnessedHeight, recorded.map(CommittedHead.Head::height).orElse(0L));
        final List<Path> segments = BlockFrames.segments(dir);
        if (segments.isEmpty()) {
            if (committed > 0 && !acceptLoss) {
                throw missing(committed, "there are no block files in " + dir);
            }
            startSegment(0);
            head = CommittedHead.open(dir);
            return;
        }
        Scan scan = null;
        for (int s = 0; s < segments.size(); s++) {
            final FileChannel channel = wrap.apply(FileChannel.open(segments.get(s), StandardOpenOption.READ, StandardOpenOption.WRITE));
            channels.add(channel);
            scan = indexSegment(s, channel, s == segments.size() - 1);
        }
        final int last = segments.size() - 1;
        final String lastFile = segments.get(last).getFileName().toString();
        if (height < committed && !acceptLoss) {
            throw missing(committed, scan.problem() == null ? lastFile + " ends at offset " + scan.end()
                    : scan.problem() + " at offset " + scan.end() + " of " + lastFile);
        }
        if (height > 0) {
            lastCrc = storedCrc(height - 1);
        }
        if (!acceptLoss && recorded.isPresent() && recorded.get().height() > 0) {
            final long n = recorded.get().height() - 1;
            if (storedCrc(n) != recorded.get().blockCrc()) {
                throw new LedgerException("block " + n + " in " + dir + " is not the block that was committed as block " + n
                        + " (its checksum differs from the one " + CommittedHead.FILE + " recorded); nothing was changed;"
                        + " run the verify command");
            }
        }
        if (scan.problem() != null) {
            truncatedBytes = scan.size() - scan.end();
            channels.get(last).truncate(scan.end());
            channels.get(last).force(true);
            if (height >= committed) {
                LOG.warn("cut {} bytes at offset {} of {} ({}): a block being written when the ledger stopped, never"
                        + " acknowledged; {} committed blocks are intact", truncatedBytes, scan.end(), lastFile, scan.problem(), height);
            } else {
                LOG.warn("accepting loss: cut {} bytes at offset {} of {} ({}); committed blocks {}..{} are gone, the ledger"
                        + " now ends at block {}", truncatedBytes, scan.end(), lastFile, scan.problem(), height, committed - 1, height - 1);
            }
        }
        appender = SegmentAppender.open(segments.get(last), channels.get(last), scan.end(), wrap);
        head = CommittedHead.open(dir);
        if (recorded.isEmpty() && height > 0) {
            // A data directory from before committed-head: record what is on disk now.
            head.write(height, lastCrc);
        }
    }

    private CommittedBlocksMissingException missing(final long committed, final String where) {
        final String intact = height == 0 ? "no intact block 0" : "intact blocks 0.." + (height - 1);
        final String lost = committed - height == 1 ? "block " + height : "blocks " + height + ".." + (committed - 1);
        return new CommittedBlocksMissingException("refusing to open the ledger in " + dir.getParent() + ": the block files hold "
                + intact + " but " + committed + " blocks were committed (forced to disk before they were acknowledged, as "
                + CommittedHead.FILE + ", the state or the existing identities show), so committed " + lost
                + " are missing or damaged (" + where + "). Nothing was changed. Restore " + dir
                + " from a backup, or run RepairLedgerCommand --accept-loss " + dir.getParent()
                + " to continue without them (if the directory never held transactions, move it away instead).", height, committed);
    }

    private void startSegment(final int segment) throws IOException {
        final FileChannel channel = wrap.apply(FileChannel.open(BlockFrames.segmentPath(dir, segment),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
        try {
            // Only a failed earlier attempt to start this segment can have left a file here.
            channel.truncate(0);
            syncDirectory();
            final SegmentAppender next = SegmentAppender.open(BlockFrames.segmentPath(dir, segment), channel, 0, wrap);
            if (appender != null) {
                appender.close();
            }
            appender = next;
            channels.add(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Indexes the frames of one segment; where they end and, in the last segment, the damage that follows. */
    private Scan indexSegment(final int segment, final FileChannel channel, final boolean last) throws IOException {
        final long size = channel.size();
        final ByteBuffer header = ByteBuffer.allocate(BlockFrames.HEADER + 12);
        long pos = 0;
        long lastFrameStart = -1;
        String problem = null;
        while (pos < size) {
            header.clear();
            final int read = BlockFrames.readFully(channel, header, pos);
            if (read < BlockFrames.HEADER + 12) {
                problem = "incomplete frame header";
                break;
            }
            final int magic = header.getInt(0);
            final int length = header.getInt(4);
            if (magic != BlockFrames.MAGIC) {
                problem = "bad frame marker";
                break;
            }
            if (length < 12 || length > BlockFrames.MAX_BLOCK_BYTES || pos + BlockFrames.HEADER + length + BlockFrames.TRAILER > size) {
                problem = "frame extends past end of file";
                break;
            }
            final long number = header.getLong(8);
            if (number != height) {
                throw new LedgerException("block file " + BlockFrames.segmentPath(dir, segment).getFileName() + " holds block "
                        + number + " where block " + height + " belongs; run the verify command");
            }
            addIndex(segment, pos, length);
            transactionCount += header.getInt(16) & 0xffffffffL;
            lastFrameStart = pos;
            pos += BlockFrames.HEADER + length + BlockFrames.TRAILER;
        }
        if (problem == null && last && lastFrameStart >= 0) {
            // Only the last block can be torn with its length intact: check its CRC.
            if (readVerified(height - 1) == null) {
                problem = "checksum mismatch in last block";
                pos = lastFrameStart;
                removeLastIndex();
            }
        }
        if (problem != null && (!last || BlockFrames.validFrameAfter(channel, pos + 1, size))) {
            throw new LedgerException("block file " + BlockFrames.segmentPath(dir, segment).getFileName()
                    + " is damaged at offset " + pos + " (" + problem + ") with valid blocks after it; run the verify command");
        }
        return new Scan(pos, size, problem);
    }

    /** The CRC at the end of block {@code number}'s frame. */
    private int storedCrc(final long number) throws IOException {
        final int i = (int) number;
        final ByteBuffer crc = ByteBuffer.allocate(BlockFrames.TRAILER);
        BlockFrames.readFully(channels.get(segmentOf[i]), crc, offsetOf[i] + BlockFrames.HEADER + lengthOf[i]);
        return crc.getInt(0);
    }

    private void removeLastIndex() throws IOException {
        final long last = height - 1;
        final ByteBuffer header = ByteBuffer.allocate(4);
        BlockFrames.readFully(channels.get(segmentOf[(int) last]), header, offsetOf[(int) last] + BlockFrames.HEADER + 8);
        transactionCount -= header.getInt(0) & 0xffffffffL;
        height = last;
    }

    private void addIndex(final int segment, final long offset, final int length) {
        final int i = (int) height;
        if (i == segmentOf.length) {
            segmentOf = Arrays.copyOf(segmentOf, i * 2);
            offsetOf = Arrays.copyOf(offsetOf, i * 2);
            lengthOf = Arrays.copyOf(lengthOf, i * 2);
        }
        segmentOf[i] = segment;
        offsetOf[i] = offset;
        lengthOf[i] = length;
        height = height + 1;
    }

    private void syncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** Number of blocks. */
    public long height() {
        return height;
    }

    /** Transactions in all blocks. */
    public long transactionCount() {
        return transactionCount;
    }

    /** Bytes cut off a torn tail when this store was opened (0 if none). */
    public long truncatedBytes() {
        return truncatedBytes;
    }

    /**
     * Appends block {@code number} (which must be the next one), forces it to disk and records it in
     * {@code committed-head}. Called by the single writer thread only. On failure nothing is appended:
     * the partial frame is cut (now, or by the next append if cutting fails too).
     *
     * @throws LedgerStorageException if the block could not be written or forced
     */
    public synchronized void append(final long number, final int txCount, final byte[] blockBytes) {
        if (number != height) {
            throw new IllegalStateException("appending block " + number + " at height " + height);
        }
        try {
            if (dirty) {
                cutFailedAppend();
            }
            if (appender.end() >= SEGMENT_BYTES) {
                startSegment(channels.size());
            }
            final int segment = channels.size() - 1;
            final long offset = appender.end();
            final int crc = BlockFrames.crc(blockBytes);
            dirty = true;
            appender.append(blockBytes, crc);
            // fdatasync: data and the file size reach the disk before anyone hears "committed".
            channels.get(segment).force(false);
            head.write(number + 1, crc);
            dirty = false;
            addIndex(segment, offset, blockBytes.length);
            transactionCount += txCount;
            lastCrc = crc;
        } catch (IOException e) {
            if (dirty) {
                try {
                    cutFailedAppend();
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
            }
            throw new LedgerStorageException("cannot append block " + number + ": " + e.getMessage(), e);
        }
    }

    /** Cuts whatever a failed append wrote after the last frame and restarts the appender there. */
    private void cutFailedAppend() throws IOException {
        final int segment = channels.size() - 1;
        final long end = height == 0 ? 0 : segmentOf[(int) height - 1] == segment
                ? offsetOf[(int) height - 1] + BlockFrames.frameLength(lengthOf[(int) height - 1]) : 0;
        final FileChannel channel = channels.get(segment);
        channel.truncate(end);
        channel.force(false);
        appender.close();
        appender = SegmentAppender.open(BlockFrames.segmentPath(dir, segment), channel, end, wrap);
        if (height > 0) {
            head.write(height, lastCrc);
        }
        dirty = false;
    }

    /**
     * Whether a small file can be written and forced next to the block files now: what the ledger asks
     * while it cannot append, to notice that space was freed without waiting for a transaction.
     */
    public boolean probeWritable() {
        final Path probe = dir.resolve(".write-probe");
        try {
            try (FileChannel channel = wrap.apply(FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING))) {
                final ByteBuffer data = ByteBuffer.allocate(4096);
                while (data.hasRemaining()) {
                    channel.write(data);
                }
                channel.force(false);
            } finally {
                Files.deleteIfExists(probe);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The bytes of block {@code number}, CRC-checked. */
    public byte[] read(final long number) {
        if (number < 0 || number >= height) {
            throw new IllegalArgumentException("no block " + number + " (height " + height + ")");
        }
        try {
            final byte[] bytes = readVerified(number);
            if (bytes == null) {
                throw new LedgerException("block " + number + " fails its checksum; run the verify command");
            }
            return bytes;
        } catch (IOException e) {
            throw new LedgerException("cannot read block " + number + ": " + e.getMessage(), e);
        }
    }

    private byte[] readVerified(final long number) throws IOException {
        final int i = (int) number;
        final ByteBuffer buffer = ByteBuffer.allocate(lengthOf[i] + BlockFrames.TRAILER);
        BlockFrames.readFully(channels.get(segmentOf[i]), buffer, offsetOf[i] + BlockFrames.HEADER);
        buffer.flip();
        final byte[] bytes = new byte[lengthOf[i]];
        buffer.get(bytes);
        return buffer.getInt() == BlockFrames.crc(bytes) ? bytes : null;
    }

    @Override
    public synchronized void close() {
        if (head != null) {
            try {
                head.close();
            } catch (IOException e) {
                // Written after every append; closing adds nothing.
            }
            head = null;
        }
        if (appender != null) {
            try {
                appender.close();
            } catch (IOException e) {
                // Nothing was pending: every append was forced before it returned.
            }
            appender = null;
        }
        for (final FileChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing was pending: every append was forced before it returned.
            }
        }
        channels.clear();
    }
}
