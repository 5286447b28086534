package io.custodia.ledger.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The on-disk framing of blocks in segment files {@code blocks/blk-NNNNNN.dat}:
 * {@code u32 magic | u32 length | block bytes | u32 CRC32C(block bytes)}. The CRC finds torn writes
 * and accidental damage; tampering is found by hashes and signatures.
 */
public final class BlockFrames {
    /** Marks the start of every frame. */
    public static final int MAGIC = 0xC0570D1A;
    /** Bytes before the block bytes. */
    public static final int HEADER = 8;
    /** Bytes after the block bytes. */
    public static final int TRAILER = 4;
    /** No block may be larger than this; larger lengths are corruption. */
    public static final int MAX_BLOCK_BYTES = 256 * 1024 * 1024;

    private static final String PREFIX = "blk-";
    private static final String SUFFIX = ".dat";

    private BlockFrames() {}

    public static Path segmentPath(final Path dir, final int segment) {
        return dir.resolve(String.format("%s%06d%s", PREFIX, segment, SUFFIX));
    }

    /** Segment files in order; a gap in their numbering is reported as a missing file. */
    public static List<Path> segments(final Path dir) throws IOException {
        final List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().matches("blk-\\d{6}\\.dat")).sorted().forEach(found::add);
        }
        for (int i = 0; i < found.size(); i++) {
            if (!found.get(i).equals(segmentPath(dir, i))) {
                throw new IOException("block segment file " + segmentPath(dir, i).getFileName() + " is missing");
            }
        }
        return found;
    }

    public static int crc(final byte[] data) {
        final CRC32C crc = new CRC32C();
        crc.update(data, 0, data.length);
        return (int) crc.getValue();
    }

    public static ByteBuffer frame(final byte[] blockBytes) {
        return frame(blockBytes, crc(blockBytes));
    }

    static ByteBuffer frame(final byte[] blockBytes, final int crc) {
        return put(ByteBuffer.allocate(frameLength(blockBytes.length)), blockBytes, crc).flip();
    }

    /** Bytes of the frame of a block of {@code blockLength} bytes. */
    public static int frameLength(final int blockLength) {
        return HEADER + blockLength + TRAILER;
    }

    /** Puts the frame of {@code blockBytes} into {@code target} at its position. */
    static ByteBuffer put(final ByteBuffer target, final byte[] blockBytes) {
        return put(target, blockBytes, crc(blockBytes));
    }

    /** As {@link #put(ByteBuffer, byte[])} with the block's CRC already computed. */
    static ByteBuffer put(final ByteBuffer target, final byte[] blockBytes, final int crc) {
        return target.putInt(MAGIC).putInt(blockBytes.length).put(blockBytes).putInt(crc);
    }

    /** Reads exactly {@code buffer.remaining()} bytes at {@code position}, or fewer at end of file. */
    public static int readFully(final FileChannel channel, final ByteBuffer buffer, final long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            final int n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /**
     * Whether a complete frame with a matching CRC starts anywhere in {@code [from, size)}. Used to
     * tell a torn tail (nothing valid follows) from damage in the middle (valid blocks follow).
     */
    public static boolean validFrameAfter(final FileChannel channel, final long from, final long size) throws IOException {
        final ByteBuffer header = ByteBuffer.allocate(HEADER);
        for (long pos = from; pos + HEADER + TRAILER <= size; pos++) {
            header.clear();
            if (readFully(channel, header, pos) < HEADER) {
                return false;
            }
            if (header.getInt(0) != MAGIC) {
                continue;
            }
            final int length = header.getInt(4);
            if (length <= 0 || length > MAX_BLOCK_BYTES || pos + HEADER + length + TRAILER > size) {
                continue;
            }
            final ByteBuffer body = ByteBuffer.allocate(length + TRAILER);
            readFully(channel, body, pos + HEADER);
            final byte[] bytes = new byte[length];
            body.flip().get(bytes);
            if (body.getInt() == crc(bytes)) {
                return true;
            }
        }
        return false;
    }
}
