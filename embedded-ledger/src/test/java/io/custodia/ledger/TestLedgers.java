package io.custodia.ledger;

import io.custodia.ledger.identity.Identity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Shared set-up for ledger tests. */
final class TestLedgers {
    private TestLedgers() {}

    static EmbeddedLedger open(final Path dir) {
        return EmbeddedLedger.open(LedgerConfig.builder(dir).maxBlockTransactions(50).maxBlockWait(Duration.ofMillis(1)).build());
    }

    static Identity member(final EmbeddedLedger ledger) {
        return ledger.identity("Org1MSP", "alice", Map.of("custodia.role", "institution"));
    }
}
