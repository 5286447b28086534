package io.custodia.ledger.crash;

import io.custodia.ledger.CommitResult;
import io.custodia.ledger.EmbeddedLedger;
import io.custodia.ledger.LedgerConfig;
import io.custodia.ledger.identity.Identity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Child process of the crash test: writes transactions under load forever and prints
 * {@code READY} once open, then {@code ACK <key>} for each transaction the ledger acknowledged as
 * committed. The parent kills it with SIGKILL at a random moment.
 */
public final class CrashWriter {
    private CrashWriter() {}

    public static void main(final String[] args) throws Exception {
        final Path dir = Path.of(args[0]);
        final String run = args[1];
        final EmbeddedLedger ledger = EmbeddedLedger.open(
                LedgerConfig.builder(dir).maxBlockTransactions(100).maxBlockWait(Duration.ofMillis(2)).build());
        final Identity alice = ledger.identity("Org1MSP", "alice", Map.of("custodia.role", "institution"));
        System.out.println("READY " + ledger.info().height());
        System.out.flush();
        final Semaphore inFlight = new Semaphore(32);
        for (long i = 0; ; i++) {
            inFlight.acquire();
            final String key = "crash\u0001" + run + "\u0001" + i;
            final CompletableFuture<CommitResult> f = ledger.submitAsync(alice, "kv:put", key, "v" + i);
            f.whenComplete((r, e) -> {
                inFlight.release();
                if (r != null && r.isValid()) {
                    synchronized (System.out) {
                        System.out.println("ACK " + key);
                        System.out.flush();
                    }
                }
            });
        }
    }
}
