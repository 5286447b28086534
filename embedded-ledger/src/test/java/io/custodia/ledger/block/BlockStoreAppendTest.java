package io.custodia.ledger.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appends through {@link SegmentAppender}: whole file-system blocks written directly, the partly
 * filled last one buffered and rewritten by the next append. Sizes are chosen around the
 * file-system block size, where a mistake in that bookkeeping would show.
 */
class BlockStoreAppendTest {
    @TempDir
    Path dir;

    private final Random random = new Random(7);

    @Test
    void blocks_of_every_size_around_the_file_system_block_read_back_exactly_after_reopening() throws IOException {
        final int fsBlock = Math.toIntExact(Files.getFileStore(dir).getBlockSize());
        final int frameOverhead = BlockFrames.frameLength(0);
        final int[] sizes = {
            12, 13, fsBlock - frameOverhead, fsBlock - frameOverhead + 1, fsBlock - frameOverhead - 1, fsBlock, 17,
            3 * fsBlock + 5, 12, 2 * fsBlock - frameOverhead, 100_000, 12, fsBlock - 1
        };
        final List<byte[]> written = new ArrayList<>();
        try (BlockStore store = BlockStore.open(dir)) {
            for (final int size : sizes) {
                append(store, written, size);
            }
            assertReadsBack(store, written);
        }
        // The end is not block-aligned now: the reopened store must load the partly filled block's bytes.
        try (BlockStore store = BlockStore.open(dir)) {
            assertThat(store.truncatedBytes()).isZero();
            assertReadsBack(store, written);
            for (final int size : sizes) {
                append(store, written, size);
            }
            assertReadsBack(store, written);
        }
        try (BlockStore store = BlockStore.open(dir)) {
            assertThat(store.truncatedBytes()).isZero();
            assertThat(store.height()).isEqualTo(written.size());
            assertReadsBack(store, written);
        }
        // No padding: the file holds the frames and nothing else.
        final long frames = written.stream().mapToLong(b -> BlockFrames.frameLength(b.length)).sum();
        assertThat(Files.size(BlockFrames.segmentPath(dir, 0))).isEqualTo(frames);
    }

    @Test
    void where_the_file_system_allows_it_whole_blocks_go_out_directly_and_the_file_is_exactly_the_frames() throws IOException {
        final Path file = dir.resolve("segment");
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE); SegmentAppender appender = SegmentAppender.open(file, channel, 0)) {
            assumeTrue(appender.direct(), "this file system refuses O_DIRECT; the buffered path is tested above");
            for (final int size : new int[] {12, 5000, 4084, 1, 70_000, 8180, 3}) {
                final byte[] bytes = new byte[size];
                random.nextBytes(bytes);
                assertThat(appender.append(bytes)).isEqualTo(expected.size() + BlockFrames.frameLength(size));
                expected.write(BlockFrames.frame(bytes).array());
            }
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
    }

    @Test
    void a_full_segment_is_closed_and_appends_go_on_in_the_next() throws IOException {
        final List<byte[]> written = new ArrayList<>();
        final int size = 3 * 1024 * 1024 + 77;
        try (BlockStore store = BlockStore.open(dir)) {
            while (written.size() * (long) size < BlockStore.SEGMENT_BYTES + 2L * size) {
                append(store, written, size);
            }
            assertReadsBack(store, written);
        }
        assertThat(BlockFrames.segments(dir)).hasSize(2);
        try (BlockStore store = BlockStore.open(dir)) {
            append(store, written, 5000);
            assertReadsBack(store, written);
        }
        try (BlockStore store = BlockStore.open(dir)) {
            assertThat(store.truncatedBytes()).isZero();
            assertReadsBack(store, written);
        }
    }

    /** Block bytes as the store expects them: number, transaction count, then anything. */
    private void append(final BlockStore store, final List<byte[]> written, final int size) {
        final byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        ByteBuffer.wrap(bytes).putLong(written.size()).putInt(1);
        store.append(written.size(), 1, bytes);
        written.add(bytes);
    }

    private static void assertReadsBack(final BlockStore store, final List<byte[]> written) {
        assertThat(store.height()).isEqualTo(written.size());
        assertThat(store.transactionCount()).isEqualTo(written.size());
        for (int i = 0; i < written.size(); i++) {
            assertThat(store.read(i)).as("block %d", i).isEqualTo(written.get(i));
        }
    }
}
