package io.custodia.sdk.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.canonical.Hashes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadAheadTest {
    @TempDir
    Path dir;

    private Path bigFile(final long bytes) throws IOException {
        final Path file = dir.resolve("big.bin");
        final byte[] chunk = new byte[1 << 20];
        final SplittableRandom random = new SplittableRandom(7);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long written = 0; written < bytes; written += chunk.length) {
                for (int i = 0; i < chunk.length; i += 8) {
                    ByteBuffer.wrap(chunk, i, 8).putLong(random.nextLong());
                }
                out.write(ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, bytes - written)));
            }
        }
        return file;
    }

    @Test
    void a_file_read_ahead_on_a_second_thread_digests_to_the_same_hash_and_reports_every_byte() throws Exception {
        final long size = ReadAhead.MIN_BYTES + 123_457;
        final Path file = bigFile(size);
        final MessageDigest digest = Hashes.newSha256();
        final AtomicLong reported = new AtomicLong();

        final long read;
        try (FileChannel channel = FileChannel.open(file)) {
            read = ReadAhead.digest(channel, digest, reported::addAndGet);
        }

        assertThat(read).isEqualTo(size);
        assertThat(reported.get()).isEqualTo(size);
        assertThat(Hashes.hex(digest.digest())).isEqualTo(Hashes.sha256Hex(Files.readAllBytes(file)));
    }

    @Test
    void one_big_file_hashes_to_the_same_root_with_and_without_read_ahead() throws Exception {
        bigFile(ReadAhead.MIN_BYTES + 1);

        final DatasetHash readAhead = DatasetHasher.builder().threads(2).build().hash(dir);
        final DatasetHash plain = DatasetHasher.builder().threads(1).build().hash(dir);

        assertThat(readAhead.root()).isEqualTo(plain.root());
    }

    @Test
    void a_read_failure_on_the_reading_thread_reaches_the_caller() throws Exception {
        final Path file = bigFile(ReadAhead.MIN_BYTES);
        final FileChannel channel = FileChannel.open(file);
        channel.close();

        assertThatThrownBy(() -> ReadAhead.digest(channel, Hashes.newSha256(), n -> { }))
                .isInstanceOf(IOException.class);
    }
}
