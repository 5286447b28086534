package io.custodia.ledger.block;

import io.custodia.ledger.DirectIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Writes frames at the end of one segment file, the whole file-system blocks among them with
 * {@code O_DIRECT}, so they go from one reused buffer to the disk instead of through the page cache.
 *
 * <p>Why ({@link DirectIo}): block files only grow, so every buffered append needs new page-cache
 * pages — 20 KB per access request; on the benchmark machine copying into them was 5.6% of the
 * gateway's CPU, more than validating the block. Blocks are read back rarely (verification, block
 * queries), and those reads still go through the page cache.
 *
 * <p>{@code O_DIRECT} writes whole file-system blocks, so the last, partly filled one is written
 * twice: its bytes go with a buffered write (one page, exact file size, no padding in the file),
 * and the next append rewrites that block directly with the same leading bytes plus what follows.
 * Rewriting bytes that are already durable with identical bytes is safe against a torn write: each
 * sector holds the old or the new content, equal for those bytes. The caller forces the file after
 * each append, as before; the file format is unchanged.
 *
 * <p>A file system that refuses {@code O_DIRECT} (tmpfs, for instance) gets buffered writes only.
 */
final class SegmentAppender implements AutoCloseable {
    private final FileChannel buffered;
    private final FileChannel direct;
    private final int alignment;
    /** Aligned staging buffer; its first {@code headLength} bytes are those of the partly filled last block. */
    private ByteBuffer staging;
    private int headLength;
    private long end;

    private SegmentAppender(final FileChannel buffered, final FileChannel direct, final int alignment, final long end) {
        this.buffered = buffered;
        this.direct = direct;
        this.alignment = alignment;
        this.end = end;
    }

    /**
     * An appender for {@code file}, whose frames end at {@code end}.
     *
     * @param buffered the segment's ordinary channel, owned by the caller: partial-block writes and
     *     the reads of the last block's leading bytes go through it
     */
    static SegmentAppender open(final Path file, final FileChannel buffered, final long end) throws IOException {
        return open(file, buffered, end, UnaryOperator.identity());
    }

    /** As {@link #open(Path, FileChannel, long)}, the direct channel passed through {@code wrap} (fault injection in tests). */
    static SegmentAppender open(final Path file, final FileChannel buffered, final long end, final UnaryOperator<FileChannel> wrap)
            throws IOException {
        final FileChannel direct = DirectIo.openForWrite(file).map(wrap).orElse(null);
        if (direct == null) {
            return new SegmentAppender(buffered, null, 1, end);
        }
        try {
            final int alignment = DirectIo.alignment(file);
            final SegmentAppender appender = new SegmentAppender(buffered, direct, alignment, end);
            appender.staging = aligned(4 * alignment, alignment);
            appender.loadHead();
            return appender;
        } catch (IOException | RuntimeException e) {
            direct.close();
            throw e;
        }
    }

    /** Whether whole file-system blocks are written with {@code O_DIRECT}. */
    boolean direct() {
        return direct != null;
    }

    /** Where the next frame goes. */
    long end() {
        return end;
    }

    /** Writes the frame of {@code blockBytes} at the end; the caller forces the file. Returns the new end. */
    long append(final byte[] blockBytes) throws IOException {
        return append(blockBytes, BlockFrames.crc(blockBytes));
    }

    /**
     * As {@link #append(byte[])} with the block's CRC computed by the caller. If it throws, part of
     * the frame may be in the file after {@link #end()}, and this appender must not be used again:
     * the caller truncates the file to {@link #end()} and opens a new one.
     */
    long append(final byte[] blockBytes, final int crc) throws IOException {
        if (direct == null) {
            final ByteBuffer frame = BlockFrames.frame(blockBytes, crc);
            writeFully(buffered, frame, end);
            end += BlockFrames.frameLength(blockBytes.length);
            return end;
        }
        final long start = end - headLength;
        final int total = headLength + BlockFrames.frameLength(blockBytes.length);
        ensureCapacity(total);
        staging.clear().position(headLength);
        BlockFrames.put(staging, blockBytes, crc);
        final int whole = total / alignment * alignment;
        if (whole > 0) {
            staging.position(0).limit(whole);
            writeFully(direct, staging, start);
        }
        final int tail = total - whole;
        if (tail > 0) {
            staging.limit(total).position(whole);
            writeFully(buffered, staging, start + whole);
            if (whole > 0) {
                // The partly filled block's bytes lead the next append's direct write (no overlap: tail < whole).
                staging.position(whole).limit(total);
                final ByteBuffer head = staging.slice();
                staging.clear();
                staging.put(head);
            }
        }
        headLength = tail;
        end = start + total;
        return end;
    }

    private void loadHead() throws IOException {
        headLength = (int) (end % alignment);
        staging.clear().limit(headLength);
        if (BlockFrames.readFully(buffered, staging, end - headLength) != headLength) {
            throw new IOException("cannot read the last " + headLength + " bytes before offset " + end);
        }
        staging.clear();
    }

    private void ensureCapacity(final int bytes) {
        if (staging.capacity() >= bytes) {
            return;
        }
        final ByteBuffer bigger = aligned(Math.max(bytes, staging.capacity() * 2), alignment);
        staging.clear().limit(headLength);
        bigger.put(staging);
        staging = bigger;
    }

    private static ByteBuffer aligned(final int capacity, final int alignment) {
        final int rounded = (capacity + alignment - 1) / alignment * alignment;
        return ByteBuffer.allocateDirect(rounded + alignment).alignedSlice(alignment).limit(rounded).slice();
    }

    private static void writeFully(final FileChannel channel, final ByteBuffer data, final long position) throws IOException {
        long pos = position;
        while (data.hasRemaining()) {
            pos += channel.write(data, pos);
        }
    }

    /** Closes the direct channel; the buffered one belongs to the caller. */
    @Override
    public void close() throws IOException {
        if (direct != null) {
            direct.close();
        }
    }
}
