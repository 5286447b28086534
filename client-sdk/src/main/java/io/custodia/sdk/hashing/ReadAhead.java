package io.custodia.sdk.hashing;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Digests a large file while a second thread reads the next chunks. Measured on one 2 GiB file, the
 * {@code read} system call (the kernel copying from the page cache) took as long as SHA-256 itself,
 * 43% against 52% of the hashing thread; on one thread the two add up, on two they overlap and the
 * file is hashed at the speed of the digest alone. Used only when a core would otherwise be idle.
 */
final class ReadAhead {
    /** Smaller files are not worth a thread. */
    static final long MIN_BYTES = 32L << 20;
    private static final int CHUNK = 1 << 20;
    private static final int CHUNKS = 4;
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private ReadAhead() {}

    /** Digests everything left in {@code channel}; returns the number of bytes digested. */
    static long digest(final FileChannel channel, final MessageDigest digest, final LongConsumer onBytes) throws IOException {
        final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(CHUNKS);
        // One more place than there are chunks, so the reader can always hand over END without waiting.
        final BlockingQueue<ByteBuffer> filled = new ArrayBlockingQueue<>(CHUNKS + 1);
        for (int i = 0; i < CHUNKS; i++) {
            free.add(ByteBuffer.allocate(CHUNK));
        }
        final AtomicReference<IOException> failure = new AtomicReference<>();
        final Thread reader = new Thread(() -> {
            try {
                while (true) {
                    final ByteBuffer chunk = free.take().clear();
                    if (channel.read(chunk) < 0) {
                        break;
                    }
                    filled.put(chunk.flip());
                }
            } catch (IOException e) {
                failure.set(e);
            } catch (InterruptedException e) {
                // The digesting thread gave up; nothing is left to hand over.
            } finally {
                filled.offer(END);
            }
        }, "custodia-hash-read-ahead");
        reader.setDaemon(true);
        reader.start();
        long read = 0;
        try {
            for (ByteBuffer chunk = filled.take(); chunk != END; chunk = filled.take()) {
                final int n = chunk.remaining();
                digest.update(chunk.array(), 0, n);
                read += n;
                onBytes.accept(n);
                free.put(chunk);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("hashing interrupted");
        } finally {
            reader.interrupt();
            joinQuietly(reader);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return read;
    }

    private static void joinQuietly(final Thread reader) {
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
