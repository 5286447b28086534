package io.custodia.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.ledger.identity.Identity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A transaction's final status by ID: block, position in the block, validation code; rebuilt from the blocks with the state. */
class TransactionLookupTest {
    @TempDir
    Path dir;

    private EmbeddedLedger open() {
        // Two transactions per block, cut together: both simulate against the same state.
        return EmbeddedLedger.open(LedgerConfig.builder(dir).maxBlockTransactions(2).maxBlockWait(Duration.ofMillis(500)).build());
    }

    @Test
    void each_transaction_is_found_at_its_block_and_position_with_its_validation_code_also_after_a_state_rebuild()
            throws IOException {
        final CommitResult first;
        final CommitResult a;
        final CommitResult b;
        try (EmbeddedLedger ledger = open()) {
            final Identity alice = TestLedgers.member(ledger);
            first = ledger.submit(alice, "kv:put", "C", "0");
            final CompletableFuture<CommitResult> fa = ledger.submitAsync(alice, "kv:increment", "C");
            final CompletableFuture<CommitResult> fb = ledger.submitAsync(alice, "kv:increment", "C");
            a = fa.join();
            b = fb.join();

            assertThat(a.blockNumber()).isEqualTo(b.blockNumber());
            assertLookups(ledger, first, a, b);
            assertThat(ledger.transaction("00".repeat(32))).isEmpty();
            assertThat(ledger.transactions(List.of(a.txId(), "ff".repeat(32), first.txId())))
                    .extracting(TransactionStatus::txId).containsExactly(a.txId(), first.txId());
        }
        try (Stream<Path> files = Files.walk(dir.resolve("state"))) {
            for (final Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        try (EmbeddedLedger rebuilt = open()) {
            assertLookups(rebuilt, first, a, b);
        }
    }

    private static void assertLookups(final EmbeddedLedger ledger, final CommitResult... results) {
        for (final CommitResult r : results) {
            final TransactionStatus status = ledger.transaction(r.txId()).orElseThrow();
            assertThat(status.blockNumber()).as(r.txId()).isEqualTo(r.blockNumber());
            assertThat(status.position()).as(r.txId()).isEqualTo(r.txIndex());
            assertThat(status.validationCode()).as(r.txId()).isEqualTo(r.validationCode());
        }
        assertThat(Stream.of(results).map(r -> ledger.transaction(r.txId()).orElseThrow().validationCode()))
                .contains(ValidationCode.VALID, ValidationCode.MVCC_READ_CONFLICT);
    }
}
