package io.custodia.gateway.ledger.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/** A file channel whose writes fail with ENOSPC's message while {@code full} is set; everything else passes through. */
final class FullDiskChannel extends FileChannel {
    private final FileChannel delegate;
    private final AtomicBoolean full;

    FullDiskChannel(final FileChannel delegate, final AtomicBoolean full) {
        this.delegate = delegate;
        this.full = full;
    }

    private void check() throws IOException {
        if (full.get()) {
            throw new IOException("No space left on device");
        }
    }

    @Override
    public int write(final ByteBuffer src) throws IOException {
        check();
        return delegate.write(src);
    }

    @Override
    public int write(final ByteBuffer src, final long position) throws IOException {
        check();
        return delegate.write(src, position);
    }

    @Override
    public long write(final ByteBuffer[] srcs, final int offset, final int length) throws IOException {
        check();
        return delegate.write(srcs, offset, length);
    }

    @Override
    public long transferFrom(final ReadableByteChannel src, final long position, final long count) throws IOException {
        check();
        return delegate.transferFrom(src, position, count);
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
    public FileChannel truncate(final long size) throws IOException {
        delegate.truncate(size);
        return this;
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
