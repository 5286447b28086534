package io.custodia.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A file channel that behaves like one on a full disk while {@link Disk#full} is set: a write puts
 * part of its bytes in the file (a partial frame, as a real ENOSPC can) and then fails with "No
 * space left on device"; with {@link Disk#truncateFails} set, truncating fails too. Reads and
 * everything else pass through.
 */
public final class FaultyChannel extends FileChannel {
    /** The switches shared by every channel of one test's ledger. */
    public static final class Disk {
        public final AtomicBoolean full = new AtomicBoolean();
        public final AtomicBoolean truncateFails = new AtomicBoolean();
        /** Writes refused since the disk filled. */
        public final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();

        public FileChannel wrap(final FileChannel channel) {
            return new FaultyChannel(channel, this);
        }
    }

    private final FileChannel delegate;
    private final Disk disk;

    private FaultyChannel(final FileChannel delegate, final Disk disk) {
        this.delegate = delegate;
        this.disk = disk;
    }

    private int fail(final ByteBuffer src, final long position) throws IOException {
        disk.refused.incrementAndGet();
        // Half the bytes reach the file (whole 4 KiB blocks only, so an O_DIRECT channel accepts them).
        final int partial = src.remaining() / 2 / 4096 * 4096;
        final int half = partial > 0 ? partial : src.remaining() / 2;
        if (half > 0) {
            final ByteBuffer part = src.duplicate();
            part.limit(part.position() + half);
            try {
                if (position < 0) {
                    delegate.write(part);
                } else {
                    delegate.write(part, position);
                }
            } catch (IOException e) {
                // O_DIRECT refused the unaligned part: then nothing was written, also a possible outcome.
            }
        }
        throw new IOException("No space left on device");
    }

    @Override
    public int write(final ByteBuffer src) throws IOException {
        return disk.full.get() ? fail(src, -1) : delegate.write(src);
    }

    @Override
    public int write(final ByteBuffer src, final long position) throws IOException {
        return disk.full.get() ? fail(src, position) : delegate.write(src, position);
    }

    @Override
    public long write(final ByteBuffer[] srcs, final int offset, final int length) throws IOException {
        if (disk.full.get()) {
            throw new IOException("No space left on device");
        }
        return delegate.write(srcs, offset, length);
    }

    @Override
    public FileChannel truncate(final long size) throws IOException {
        if (disk.truncateFails.get()) {
            throw new IOException("Input/output error");
        }
        delegate.truncate(size);
        return this;
    }

    @Override
    public int read(final ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(final ByteBuffer[] dsts, final int offset, final int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public int read(final ByteBuffer dst, final long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(final long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public void force(final boolean metaData) throws IOException {
        delegate.force(metaData);
    }

    @Override
    public long transferTo(final long position, final long count, final WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(final ReadableByteChannel src, final long position, final long count) throws IOException {
        if (disk.full.get()) {
            throw new IOException("No space left on device");
        }
        return delegate.transferFrom(src, position, count);
    }

    @Override
    public MappedByteBuffer map(final MapMode mode, final long position, final long size) throws IOException {
        return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(final long position, final long size, final boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(final long position, final long size, final boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
