package io.custodia.ledger.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * {@code blocks/committed-head}: the number of blocks forced to disk and the CRC32C of the last
 * one's bytes (the CRC its frame ends with), rewritten in place after each block's {@code fdatasync}
 * and before any of its transactions is acknowledged. Format: {@code u32 magic | u64 height | u32
 * block CRC | u32 CRC32C of the preceding 16 bytes}, 20 bytes at offset 0.
 *
 * <p>It is not forced itself (that would be a second fsync per block). It need not be: it is written
 * only after the block it names is durable, so it never claims more than the disk holds. A process
 * crash keeps it (the page cache survives the process); after a power loss it may lag behind, but the
 * blocks it misses were forced before they were acknowledged, so they are on disk intact. So every
 * acknowledged block is at or below this height unless the machine lost power, and then it is whole on
 * disk: a block file that ends below it lost committed blocks, which no crash can do.
 */
final class CommittedHead {
    static final String FILE = "committed-head";
    private static final int MAGIC = 0xC0570D1B;
    private static final int BYTES = 4 + 8 + 4 + 4;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BYTES);

    private CommittedHead(final FileChannel channel) {
        this.channel = channel;
    }

    /** What the file says: the number of blocks committed and the CRC of the last one's bytes. */
    record Head(long height, int blockCrc) {}

    /** The recorded head, empty if the file is missing; an {@link IOException} if it is torn or foreign. */
    static Optional<Head> read(final Path dir) throws IOException {
        final Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        final byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < BYTES) {
            throw new IOException(file + " is " + bytes.length + " bytes, not " + BYTES);
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt(0) != MAGIC || in.getInt(BYTES - 4) != crc(bytes)) {
            throw new IOException(file + " fails its checksum");
        }
        return Optional.of(new Head(in.getLong(4), in.getInt(12)));
    }

    /** Opens the file for rewriting, creating it if needed. */
    static CommittedHead open(final Path dir) throws IOException {
        return new CommittedHead(FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
    }

    /** Records that {@code height} blocks are durable, the last with CRC {@code blockCrc}. Not forced: see the class comment. */
    void write(final long height, final int blockCrc) throws IOException {
        buffer.clear();
        buffer.putInt(MAGIC).putLong(height).putInt(blockCrc);
        buffer.putInt(crc(buffer.array()));
        buffer.flip();
        long pos = 0;
        while (buffer.hasRemaining()) {
            pos += channel.write(buffer, pos);
        }
    }

    /** As {@link #write}, then forced: for the repair command, which runs once. */
    void writeDurably(final long height, final int blockCrc) throws IOException {
        write(height, blockCrc);
        channel.force(true);
    }

    void close() throws IOException {
        channel.close();
    }

    private static int crc(final byte[] bytes) {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, BYTES - 4);
        return (int) crc.getValue();
    }
}
