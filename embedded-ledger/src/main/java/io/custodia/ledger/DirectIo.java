package io.custodia.ledger;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Writing with {@code O_DIRECT} where the file system allows it (ext4, XFS; not tmpfs).
 *
 * <p>The ledger writes its block files and RocksDB's compaction output directly rather than through
 * the page cache: both only ever grow or are new, so buffered writes need new page-cache pages for
 * every byte, and on a virtual machine whose host backs guest memory on first touch those pages cost
 * more than the copy (docs/benchmarks.md, ninth round).
 */
public final class DirectIo {
    private DirectIo() {}

    /** A write-only channel on {@code file} with {@code O_DIRECT}, or empty if the file system refuses it. */
    public static Optional<FileChannel> openForWrite(final Path file) {
        try {
            return Optional.of(FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Whether files in {@code dir} can be opened with {@code O_DIRECT} (probes with a file it then deletes). */
    public static boolean supported(final Path dir) {
        try {
            Files.createDirectories(dir);
            final Path probe = Files.createTempFile(dir, ".direct-io-probe", "");
            try {
                final Optional<FileChannel> channel = openForWrite(probe);
                if (channel.isPresent()) {
                    channel.get().close();
                }
                return channel.isPresent();
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** The block size direct transfers must be aligned to in {@code file}'s file system. */
    public static int alignment(final Path file) throws IOException {
        return Math.toIntExact(Files.getFileStore(file).getBlockSize());
    }
}
