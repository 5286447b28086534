package io.custodia.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.ledger.ValidationCode;
import io.custodia.ledger.block.Block;
import io.custodia.ledger.block.BlockCodec;
import io.custodia.ledger.block.KeyWrite;
import io.custodia.ledger.block.Proposal;
import io.custodia.ledger.block.ReadWriteSet;
import io.custodia.ledger.block.TransactionRecord;
import io.custodia.ledger.block.Version;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The world-state cache never serves an entry older than the last block applied: the validator's
 * MVCC checks read versions through it.
 */
class StateCacheTest {
    @TempDir
    Path dir;

    private long txCounter;

    @Test
    void a_read_that_raced_a_block_write_is_not_cached() {
        final StateCache cache = new StateCache(1 << 20);
        final VersionedValue old = new VersionedValue("k", bytes("old"), new Version(1, 0));

        // The reader looked at the generation, then the block was written while it read RocksDB:
        // the block found no entry to replace, and the reader's value is older than the block's.
        final long readAt = cache.generation();
        cache.beginApply();
        cache.applied("k", bytes("new"), new Version(2, 0));
        cache.endApply();
        cache.admit("k", old, readAt);
        assertThat(cache.lookup("k")).isNull();

        // A read that began while a block was being written is not cached either.
        cache.beginApply();
        final long during = cache.generation();
        cache.admit("k", old, during);
        assertThat(cache.lookup("k")).isNull();
        cache.endApply();

        // A read with no block written since is.
        final long quiet = cache.generation();
        cache.admit("k", new VersionedValue("k", bytes("new"), new Version(2, 0)), quiet);
        assertThat(cache.lookup("k").version()).isEqualTo(new Version(2, 0));
    }

    @Test
    void blocks_replace_and_drop_entries_and_callers_get_copies() {
        try (StateStore state = StateStore.open(dir)) {
            state.apply(block(0, List.of(tx(put("a", "1"), put("b", "1")))));
            assertThat(value(state, "a")).isEqualTo("1");
            assertThat(value(state, "b")).isEqualTo("1");
            state.get("a").orElseThrow().value()[0] = 'X';
            assertThat(value(state, "a")).as("a caller changing its copy").isEqualTo("1");

            // The second transaction's write wins, cached ("a") or not ("c"), though the write batch
            // is sorted by key.
            state.apply(block(1, List.of(tx(put("a", "2"), put("c", "2")), tx(put("a", "3"), put("c", "3"), delete("b")))));
            assertThat(state.get("a").orElseThrow().version()).isEqualTo(new Version(1, 1));
            assertThat(value(state, "a")).isEqualTo("3");
            assertThat(value(state, "c")).isEqualTo("3");
            assertThat(state.get("b")).isEmpty();

            // An invalid transaction's writes change nothing, cached or not.
            state.apply(block(2, List.of(tx(ValidationCode.MVCC_READ_CONFLICT, put("a", "4")))));
            assertThat(value(state, "a")).isEqualTo("3");
        }
        try (StateStore reopened = StateStore.open(dir)) {
            assertThat(value(reopened, "a")).as("RocksDB itself, with an empty cache").isEqualTo("3");
            assertThat(reopened.get("a").orElseThrow().version()).isEqualTo(new Version(1, 1));
            assertThat(value(reopened, "c")).isEqualTo("3");
            assertThat(reopened.get("b")).isEmpty();
        }
    }

    /**
     * Readers race a writer that moves one key forward block by block; once a block is applied, no
     * reader may see an older version of the key — which a stale entry left in the cache would give.
     */
    @Test
    void readers_never_see_a_version_older_than_the_last_applied_block() throws Exception {
        final int blocks = 3_000;
        final AtomicLong lastApplied = new AtomicLong(-1);
        final AtomicBoolean done = new AtomicBoolean();
        final ExecutorService readers = Executors.newFixedThreadPool(3);
        try (StateStore state = StateStore.open(dir)) {
            final List<Future<Long>> reads = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                reads.add(readers.submit(() -> {
                    long checked = 0;
                    while (!done.get()) {
                        final long applied = lastApplied.get();
                        final Optional<VersionedValue> read = state.get("hot");
                        if (applied >= 0) {
                            assertThat(read).isPresent();
                            assertThat(read.get().version().blockNumber()).isGreaterThanOrEqualTo(applied);
                            assertThat(new String(read.get().value(), StandardCharsets.UTF_8))
                                    .isEqualTo(Long.toString(read.get().version().blockNumber()));
                            // What the validator reads: the version alone, through the same cache.
                            assertThat(state.version("hot").orElseThrow().blockNumber())
                                    .isGreaterThanOrEqualTo(applied);
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            for (int n = 0; n < blocks; n++) {
                state.apply(block(n, List.of(tx(put("hot", Integer.toString(n)), put("cold-" + n, "x")))));
                lastApplied.set(n);
            }
            done.set(true);
            long checked = 0;
            for (final Future<Long> f : reads) {
                checked += f.get();
            }
            assertThat(checked).as("reads checked against an applied block").isPositive();
            assertThat(value(state, "hot")).isEqualTo(Integer.toString(blocks - 1));
        } finally {
            readers.shutdownNow();
        }
    }

    private static String value(final StateStore state, final String key) {
        return new String(state.get(key).orElseThrow().value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static KeyWrite put(final String key, final String value) {
        return new KeyWrite(key, false, bytes(value));
    }

    private static KeyWrite delete(final String key) {
        return new KeyWrite(key, true, new byte[0]);
    }

    private static Block block(final long number, final List<TransactionRecord> txs) {
        return BlockCodec.build(number, new byte[32], 0, txs, new byte[0], h -> new byte[0]);
    }

    private TransactionRecord tx(final KeyWrite... writes) {
        return tx(ValidationCode.VALID, writes);
    }

    private TransactionRecord tx(final ValidationCode code, final KeyWrite... writes) {
        final byte[] nonce = Long.toString(txCounter++).getBytes(StandardCharsets.UTF_8);
        final byte[] creator = {1, 2, 3};
        final Proposal p = new Proposal("ch", "cc", Proposal.computeTxId(nonce, creator), Instant.EPOCH, creator,
                nonce, "f", List.of());
        return new TransactionRecord(p, new byte[0], new ReadWriteSet(List.of(), List.of(), List.of(writes)),
                new byte[0], Optional.empty(), code);
    }
}
