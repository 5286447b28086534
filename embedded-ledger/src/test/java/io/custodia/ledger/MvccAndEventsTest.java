package io.custodia.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.ledger.identity.Identity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvccAndEventsTest {
    @TempDir
    Path dir;

    private EmbeddedLedger slowBlocks() {
        // A long block wait makes both transactions simulate against the same committed state.
        return EmbeddedLedger.open(LedgerConfig.builder(dir).maxBlockTransactions(2).maxBlockWait(Duration.ofMillis(500)).build());
    }

    @Test
    void two_concurrent_transactions_on_the_same_key_exactly_one_commits() {
        try (EmbeddedLedger ledger = slowBlocks()) {
            final Identity alice = TestLedgers.member(ledger);
            ledger.submit(alice, "kv:put", "C", "0");

            final CompletableFuture<CommitResult> a = ledger.submitAsync(alice, "kv:increment", "C");
            final CompletableFuture<CommitResult> b = ledger.submitAsync(alice, "kv:increment", "C");
            final List<ValidationCode> codes = List.of(a.join().validationCode(), b.join().validationCode());

            assertThat(codes).containsExactlyInAnyOrder(ValidationCode.VALID, ValidationCode.MVCC_READ_CONFLICT);
            assertThat(a.join().blockNumber()).isEqualTo(b.join().blockNumber());
            assertThat(new String(ledger.evaluate(alice, "kv:get", "C"), StandardCharsets.UTF_8)).isEqualTo("1");
            assertThat(ledger.verify().ok()).isTrue();
        }
    }

    @Test
    void events_arrive_in_order_and_resume_from_a_checkpoint() throws Exception {
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            final Identity alice = TestLedgers.member(ledger);
            for (int i = 0; i < 5; i++) {
                ledger.submit(alice, "kv:event", "E" + i, "p" + i);
            }
            final List<ChaincodeEventRecord> all = new CopyOnWriteArrayList<>();
            try (Subscription s = ledger.subscribe(EventCheckpoint.start(), all::add)) {
                ledger.submit(alice, "kv:event", "E5", "p5");
                waitFor(() -> all.size() == 6);
            }

            final List<ChaincodeEventRecord> resumed = new CopyOnWriteArrayList<>();
            try (Subscription s = ledger.subscribe(all.get(2).next(), resumed::add)) {
                waitFor(() -> resumed.size() == 3);
            }

            assertThat(all).extracting(ChaincodeEventRecord::eventName).containsExactly("E0", "E1", "E2", "E3", "E4", "E5");
            assertThat(new String(all.get(5).payload(), StandardCharsets.UTF_8)).isEqualTo("p5");
            assertThat(resumed).extracting(ChaincodeEventRecord::eventName).containsExactly("E3", "E4", "E5");
        }
    }

    private static void waitFor(final java.util.function.BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
