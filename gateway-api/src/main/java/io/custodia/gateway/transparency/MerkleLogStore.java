package io.custodia.gateway.transparency;

import io.custodia.canonical.MerkleNodes;
import io.custodia.canonical.MerkleTree;
import io.custodia.canonical.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The log's durable tree: every complete perfect subtree's root by {@code (level, index)} in one
 * append-only file per level ({@code level-NN.bin}, 32 bytes a node, node {@code i} at offset
 * {@code 32 i}), and the leaf entries ({@code entries.dat}, with {@code entries.idx} holding each
 * entry's end offset as 8 bytes). A proof reads {@code O(log n)} nodes at computed offsets: nothing
 * is recomputed, whatever the tree size (level 0 of 10,000,000 leaves is 320 MB; all levels twice that).
 *
 * <p>One writer appends; any thread reads nodes and entries below {@link #size()}, which never change
 * once written. {@link #sync()} forces the files and then records the size in {@code size}
 * (atomically), so after a crash {@link #open} cuts every file back to a size whose nodes are all
 * durable; whatever was lost is appended again from the blocks, identically.
 */
final class MerkleLogStore implements MerkleNodes, AutoCloseable {
    private static final int HASH = 32;
    private static final int MAX_LEVELS = 64;
    /** Nodes are read through memory maps of this many bytes (a multiple of 32) per level file. */
    private static final long CHUNK = 1L << 30;
    private static final int MAX_CHUNKS = 1 << 14;

    private final Path dir;
    private final FileChannel[] levels = new FileChannel[MAX_LEVELS];
    private final FileChannel entries;
    private final FileChannel index;
    private final FileChannel ids;
    /** pending[l]: the last node written at level l while its index is even (waiting for its right sibling). */
    private final byte[][] pending = new byte[MAX_LEVELS][];
    /** maps[level][chunk]: a read-only map of that chunk, remapped longer as the file grows. */
    private final AtomicReferenceArray<AtomicReferenceArray<MappedByteBuffer>> maps = new AtomicReferenceArray<>(MAX_LEVELS);
    private final Object syncLock = new Object();
    private volatile long size;
    private long entriesEnd;
    private long syncedSize;

    private MerkleLogStore(final Path dir, final FileChannel entries, final FileChannel index, final FileChannel ids) {
        this.dir = dir;
        this.entries = entries;
        this.index = index;
        this.ids = ids;
    }

    /** Opens (or creates) the store in {@code dir}, cut back to its last synced size. */
    static MerkleLogStore open(final Path dir) {
        try {
            Files.createDirectories(dir);
            final Path sizeFile = dir.resolve("size");
            final long size = Files.exists(sizeFile) ? parseSize(Files.readString(sizeFile, StandardCharsets.UTF_8)) : 0;
            final MerkleLogStore store = new MerkleLogStore(dir, channel(dir.resolve("entries.dat")), channel(dir.resolve("entries.idx")),
                    channel(dir.resolve("entries.ids")));
            try {
                store.recover(size);
            } catch (IOException | RuntimeException e) {
                store.close();
                throw e;
            }
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the transparency log in " + dir, e);
        }
    }

    private void recover(final long recorded) throws IOException {
        if (index.size() < recorded * 8) {
            throw new IllegalStateException("the log's entry index is shorter than its recorded size " + recorded);
        }
        index.truncate(recorded * 8);
        entriesEnd = recorded == 0 ? 0 : readLong(index, (recorded - 1) * 8);
        if (entries.size() < entriesEnd) {
            throw new IllegalStateException("the log's entries are shorter than its recorded size " + recorded);
        }
        entries.truncate(entriesEnd);
        if (ids.size() < recorded * 8) {
            throw new IllegalStateException("the log's ID fingerprints are shorter than its recorded size " + recorded);
        }
        ids.truncate(recorded * 8);
        for (int level = 0; level < MAX_LEVELS; level++) {
            final long count = recorded >>> level;
            final Path file = levelFile(level);
            if (count == 0) {
                Files.deleteIfExists(file);
                continue;
            }
            final FileChannel channel = level(level);
            if (channel.size() < count * HASH) {
                throw new IllegalStateException("level " + level + " of the log is shorter than its recorded size " + recorded);
            }
            channel.truncate(count * HASH);
            if ((count & 1) == 1) {
                pending[level] = read(channel, (count - 1) * HASH);
            }
        }
        size = recorded;
        syncedSize = recorded;
    }

    /** Leaves in the tree; nodes and entries below it are readable. */
    long size() {
        return size;
    }

    /**
     * Appends one leaf (its entry bytes, and an 8-byte fingerprint of what it records, for lookups by
     * ID); single writer. Visible to readers on return, durable after {@link #sync()}.
     */
    void append(final byte[] entry, final long fingerprint) {
        final long leaf = size;
        try {
            writeFully(ids, ByteBuffer.allocate(8).putLong(0, fingerprint), leaf * 8);
            writeFully(entries, ByteBuffer.wrap(entry), entriesEnd);
            entriesEnd += entry.length;
            writeFully(index, ByteBuffer.allocate(8).putLong(0, entriesEnd), leaf * 8);
            byte[] hash = MerkleTree.leafHash(entry);
            long position = leaf;
            for (int level = 0; ; level++) {
                writeFully(level(level), ByteBuffer.wrap(hash), position * HASH);
                if ((position & 1) == 0) {
                    pending[level] = hash;
                    break;
                }
                hash = MerkleTree.nodeHash(pending[level], hash);
                pending[level] = null;
                position >>>= 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the transparency log", e);
        }
        size = leaf + 1;
    }

    /** Forces what was appended to disk and records the size; safe to call from any thread. */
    void sync() {
        synchronized (syncLock) {
            final long target = size;
            if (target == syncedSize) {
                return;
            }
            try {
                entries.force(false);
                index.force(false);
                ids.force(false);
                for (int level = 0; level < MAX_LEVELS && (target >>> level) > 0; level++) {
                    level(level).force(false);
                }
                PrivateFiles.write(dir.resolve("size"), Long.toString(target).getBytes(StandardCharsets.UTF_8));
                syncedSize = target;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot sync the transparency log", e);
            }
        }
    }

    @Override
    public byte[] node(final int level, final long nodeIndex) {
        if (level < 0 || level >= MAX_LEVELS || nodeIndex < 0 || nodeIndex >= (size >>> level)) {
            throw new IllegalArgumentException("no complete node (" + level + ", " + nodeIndex + ") in a tree of " + size);
        }
        final long position = nodeIndex * HASH;
        final int offset = (int) (position % CHUNK);
        final byte[] out = new byte[HASH];
        map(level, (int) (position / CHUNK), offset + HASH).get(offset, out);
        return out;
    }

    /**
     * A map of chunk {@code chunk} of level {@code level} covering at least {@code length} bytes. Maps,
     * not reads: a proof touches ~2 log2(n) nodes, and a read system call each was most of its cost.
     */
    private MappedByteBuffer map(final int level, final int chunk, final int length) {
        final AtomicReferenceArray<MappedByteBuffer> chunks = maps.get(level);
        final MappedByteBuffer mapped = chunks == null ? null : chunks.get(chunk);
        if (mapped != null && mapped.capacity() >= length) {
            return mapped;
        }
        synchronized (maps) {
            if (maps.get(level) == null) {
                maps.set(level, new AtomicReferenceArray<>(MAX_CHUNKS));
            }
            final AtomicReferenceArray<MappedByteBuffer> levelMaps = maps.get(level);
            final MappedByteBuffer current = levelMaps.get(chunk);
            if (current != null && current.capacity() >= length) {
                return current;
            }
            try {
                final FileChannel channel = level(level);
                final long start = chunk * CHUNK;
                final MappedByteBuffer remapped = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(CHUNK, channel.size() - start));
                levelMaps.set(chunk, remapped);
                return remapped;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the transparency log", e);
            }
        }
    }

    /** The entry bytes of leaf {@code leaf}. */
    byte[] entry(final long leaf) {
        if (leaf < 0 || leaf >= size) {
            throw new IllegalArgumentException("no leaf " + leaf + " in a tree of " + size);
        }
        try {
            final long start = leaf == 0 ? 0 : readLong(index, (leaf - 1) * 8);
            final long end = readLong(index, leaf * 8);
            final ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(end - start));
            readFully(entries, buffer, start);
            return buffer.array();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the transparency log", e);
        }
    }

    /** The fingerprints of leaves {@code [0, count)}, read in one pass (to rebuild the lookup table at start). */
    long[] fingerprints(final long count) {
        final long[] out = new long[Math.toIntExact(count)];
        final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        long position = 0;
        int next = 0;
        try {
            while (next < out.length) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), (out.length - next) * 8L));
                readFully(ids, buffer, position);
                position += buffer.limit();
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out[next++] = buffer.getLong();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the transparency log", e);
        }
        return out;
    }

    private FileChannel level(final int level) throws IOException {
        synchronized (levels) {
            if (levels[level] == null) {
                levels[level] = channel(levelFile(level));
            }
            return levels[level];
        }
    }

    private Path levelFile(final int level) {
        return dir.resolve(String.format("level-%02d.bin", level));
    }

    private static FileChannel channel(final Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static byte[] read(final FileChannel channel, final long position) throws IOException {
        final ByteBuffer buffer = ByteBuffer.allocate(HASH);
        readFully(channel, buffer, position);
        return buffer.array();
    }

    private static long readLong(final FileChannel channel, final long position) throws IOException {
        final ByteBuffer buffer = ByteBuffer.allocate(8);
        readFully(channel, buffer, position);
        return buffer.getLong(0);
    }

    private static void readFully(final FileChannel channel, final ByteBuffer buffer, final long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            final int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("unexpected end of " + channel + " at " + at);
            }
            at += n;
        }
    }

    private static void writeFully(final FileChannel channel, final ByteBuffer buffer, final long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    private static long parseSize(final String text) {
        try {
            final long size = Long.parseLong(text.trim());
            if (size < 0) {
                throw new IllegalStateException("the log's recorded size is negative");
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the log's size file is not a number", e);
        }
    }

    @Override
    public void close() {
        try {
            sync();
        } catch (UncheckedIOException | IllegalStateException e) {
            // Closing after a failure: what is not synced is appended again from the blocks.
        }
        try {
            entries.close();
            index.close();
            ids.close();
            synchronized (levels) {
                for (final FileChannel channel : levels) {
                    if (channel != null) {
                        channel.close();
                    }
                }
                Arrays.fill(levels, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the transparency log", e);
        }
    }
}
