package io.custodia.ledger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive OS lock on {@code <dataDir>/ledger.lock}: two writers on one ledger would interleave
 * blocks, and a second opener's torn-tail recovery could cut a block the first is still writing.
 * The OS drops the lock when the process dies, even by SIGKILL.
 */
final class DirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(final FileChannel channel, final FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(final Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            final FileChannel channel = FileChannel.open(dataDir.resolve("ledger.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                channel.close();
                throw new LedgerException("ledger in " + dataDir + " is already open in this process");
            }
            if (lock == null) {
                channel.close();
                throw new LedgerException("ledger in " + dataDir + " is in use by another process");
            }
            return new DirectoryLock(channel, lock);
        } catch (IOException e) {
            throw new LedgerException("cannot lock " + dataDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing the channel releases the lock; the process exit does too.
        }
    }
}
