package io.custodia.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.ledger.block.BlockFrames;
import io.custodia.testsupport.FaultyChannel;
import io.custodia.ledger.identity.Identity;
import io.custodia.ledger.verify.LedgerVerifier;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk at the append point: nothing is acknowledged, reads go on, and writing resumes once space is freed. */
class DiskFullTest {
    @TempDir
    Path dir;

    private final FaultyChannel.Disk disk = new FaultyChannel.Disk();

    private EmbeddedLedger open() {
        return EmbeddedLedger.open(LedgerConfig.builder(dir).maxBlockTransactions(50).maxBlockWait(Duration.ofMillis(1))
                .blockChannels(disk::wrap).build());
    }

    /** Whether the segment holds whole frames and nothing else (no half frame between or after them). */
    private long framedBlocks() throws IOException {
        final ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(BlockFrames.segmentPath(dir.resolve("blocks"), 0)));
        long blocks = 0;
        while (data.remaining() > 0) {
            assertThat(data.getInt()).as("frame marker of block %d", blocks).isEqualTo(BlockFrames.MAGIC);
            final int length = data.getInt();
            final byte[] body = new byte[length];
            data.get(body);
            assertThat(data.getInt()).as("CRC of block %d", blocks).isEqualTo(BlockFrames.crc(body));
            blocks++;
        }
        return blocks;
    }

    @Test
    void a_full_disk_fails_the_write_unacknowledged_keeps_reads_and_recovers_once_space_is_freed() throws IOException {
        final long height;
        try (LogCapture log = LogCapture.of(io.custodia.ledger.commit.BlockCommitter.class); EmbeddedLedger ledger = open()) {
            final Identity alice = TestLedgers.member(ledger);
            ledger.submit(alice, "kv:put", "before", "1");
            height = ledger.info().height();

            disk.full.set(true);
            final Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                    () -> ledger.submit(alice, "kv:put", "lost", "2".repeat(40_000)));
            final Throwable refusedAsync = org.assertj.core.api.Assertions.catchThrowable(
                    () -> ledger.submitAsync(alice, "kv:put", "lost2", "3").join());

            assertThat(refused).isInstanceOf(LedgerStorageException.class);
            assertThat(((LedgerStorageException) refused).full()).isTrue();
            assertThat(refusedAsync).isInstanceOf(CompletionException.class).hasCauseInstanceOf(LedgerStorageException.class);
            assertThat(disk.refused.get()).isPositive();
            assertThat(ledger.writeProblem()).get().asString().contains("No space left on device");
            // Logged once for the outage, not once per failed block.
            assertThat(log.warnings()).hasSize(1);
            assertThat(log.warnings().get(0)).contains("cannot write blocks");
            // Reads go on; the failed writes are on neither the ledger nor the state.
            assertThat(new String(ledger.evaluate(alice, "kv:get", "before"))).isEqualTo("1");
            assertThatThrownBy(() -> ledger.evaluate(alice, "kv:get", "lost")).isInstanceOf(ChaincodeFailure.class);
            assertThat(ledger.info().height()).isEqualTo(height);
            assertThat(ledger.verify().ok()).isTrue();
            assertThat(framedBlocks()).isEqualTo(height);

            disk.full.set(false);

            assertThat(ledger.writeProblem()).isEmpty();
            assertThat(ledger.submit(alice, "kv:put", "after", "4").isValid()).isTrue();
            assertThat(new String(ledger.evaluate(alice, "kv:get", "after"))).isEqualTo("4");
            assertThat(ledger.info().height()).isEqualTo(height + 1);
        }
        assertThat(framedBlocks()).isEqualTo(height + 1);
        assertThat(LedgerVerifier.verify(dir.resolve("blocks"), Long.MAX_VALUE).ok()).isTrue();
        try (EmbeddedLedger reopened = open()) {
            assertThat(reopened.recoveredTornBytes()).isZero();
            assertThat(reopened.info().height()).isEqualTo(height + 1);
        }
    }

    @Test
    void when_even_cutting_the_partial_frame_fails_the_next_append_cuts_it_first() throws IOException {
        try (EmbeddedLedger ledger = open()) {
            final Identity alice = TestLedgers.member(ledger);
            ledger.submit(alice, "kv:put", "before", "1");
            final long height = ledger.info().height();
            final long size = Files.size(BlockFrames.segmentPath(dir.resolve("blocks"), 0));

            disk.full.set(true);
            disk.truncateFails.set(true);
            // Large enough that the half of its frame that reaches the file runs past the old end.
            assertThatThrownBy(() -> ledger.submit(alice, "kv:put", "lost", "2".repeat(40_000)))
                    .isInstanceOf(LedgerStorageException.class);
            final long leftOver = Files.size(BlockFrames.segmentPath(dir.resolve("blocks"), 0)) - size;
            disk.full.set(false);
            disk.truncateFails.set(false);

            assertThat(leftOver).as("part of the failed frame is still in the file").isPositive();
            assertThat(ledger.submit(alice, "kv:put", "after", "3").isValid()).isTrue();
            assertThat(ledger.info().height()).isEqualTo(height + 1);
            assertThat(framedBlocks()).isEqualTo(height + 1);
            assertThat(ledger.verify().ok()).isTrue();
        }
        assertThat(LedgerVerifier.verify(dir.resolve("blocks"), Long.MAX_VALUE).ok()).isTrue();
    }
}
