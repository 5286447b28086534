package io.custodia.ledger.block;

import io.custodia.ledger.LedgerException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Append-only block files with an in-memory index from block number to file position.
 *
 * <p>Opening walks the frame headers (cheap: no payload is read) and checks the CRC of the last
 * frame. A torn or partial last block (nothing valid after it) is cut off; damage followed by valid
 * blocks is refused, because cutting there would drop acknowledged blocks. {@link #append} returns
 * only after {@link FileChannel#force} so a caller may then report "committed".
 *
 * <p>Appends come from one writer thread; reads may come from any thread.
 */
public final class BlockStore implements AutoCloseable {
    /** A segment is closed for appends once it reaches this size. */
    static final long SEGMENT_BYTES = 64L * 1024 * 1024;

    private final Path dir;
    private final List<FileChannel> channels = new ArrayList<>();
    private int[] segmentOf = new int[1024];
    private long[] offsetOf = new long[1024];
    private int[] lengthOf = new int[1024];
    private volatile long height;
    private volatile long transactionCount;
    private SegmentAppender appender;
    private long truncatedBytes;

    private BlockStore(final Path dir) {
        this.dir = dir;
    }

    /** Opens (creating if needed) the block files in {@code dir}, recovering from a torn tail. */
    public static BlockStore open(final Path dir) {
        final BlockStore store = new BlockStore(dir);
        try {
            Files.createDirectories(dir);
            store.load();
            return store;
        } catch (IOException e) {
            store.close();
            throw new LedgerException("cannot open block files in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private void load() throws IOException {
        final List<Path> segments = BlockFrames.segments(dir);
        if (segments.isEmpty()) {
            startSegment(0);
            return;
        }
        long end = 0;
        for (int s = 0; s < segments.size(); s++) {
            final FileChannel channel = FileChannel.open(segments.get(s), StandardOpenOption.READ, StandardOpenOption.WRITE);
            channels.add(channel);
            end = indexSegment(s, channel, s == segments.size() - 1);
        }
        final int last = segments.size() - 1;
        appender = SegmentAppender.open(segments.get(last), channels.get(last), end);
    }

    private void startSegment(final int segment) throws IOException {
        final FileChannel channel = FileChannel.open(BlockFrames.segmentPath(dir, segment),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channels.add(channel);
        syncDirectory();
        appender = SegmentAppender.open(BlockFrames.segmentPath(dir, segment), channel, 0);
    }

    /** Indexes the frames of one segment and returns where they end. */
    private long indexSegment(final int segment, final FileChannel channel, final boolean last) throws IOException {
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
        if (problem != null) {
            if (!last || BlockFrames.validFrameAfter(channel, pos + 1, size)) {
                throw new LedgerException("block file " + BlockFrames.segmentPath(dir, segment).getFileName()
                        + " is damaged at offset " + pos + " (" + problem + ") with valid blocks after it; run the verify command");
            }
            truncatedBytes = size - pos;
            channel.truncate(pos);
            channel.force(true);
        }
        return pos;
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
     * Appends block {@code number} (which must be the next one) and forces it to disk.
     * Called by the single writer thread only.
     */
    public synchronized void append(final long number, final int txCount, final byte[] blockBytes) {
        if (number != height) {
            throw new IllegalStateException("appending block " + number + " at height " + height);
        }
        try {
            if (appender.end() >= SEGMENT_BYTES) {
                appender.close();
                startSegment(channels.size());
            }
            final int segment = channels.size() - 1;
            final long offset = appender.end();
            appender.append(blockBytes);
            // fdatasync: data and the file size reach the disk before anyone hears "committed".
            channels.get(segment).force(false);
            addIndex(segment, offset, blockBytes.length);
            transactionCount += txCount;
        } catch (IOException e) {
            throw new LedgerException("cannot append block " + number + ": " + e.getMessage(), e);
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
