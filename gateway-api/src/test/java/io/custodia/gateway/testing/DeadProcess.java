package io.custodia.gateway.testing;

import io.custodia.gateway.config.GatewaySecrets;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.ledger.embedded.EmbeddedLedgerClient;
import io.custodia.gateway.outbox.OutboxOperation;
import io.custodia.gateway.outbox.OutboxStep;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.store.StoreConfig;
import io.custodia.ledger.LedgerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The off-chain store and ledger of a gateway's data directory, opened the way a gateway process opens
 * them, for tests that run part of an operation and then "kill" the process: a step that throws
 * {@link Halt} (an {@link Error}, which the outbox runner does not catch) leaves the item exactly as a
 * SIGKILL at that point would — leased by an instance that no longer exists, progress as last recorded.
 */
public record DeadProcess(OffChainStore store, LedgerClient ledger) implements AutoCloseable {
    /** The process dies here. */
    public static final class Halt extends Error {
        private static final long serialVersionUID = 1L;

        public Halt(final String where) {
            super("process killed " + where);
        }
    }

    public static DeadProcess open(final Path dataDir) {
        return open(dataDir, java.util.Map.of());
    }

    /** As a gateway with {@code settings} opens them ({@code CUSTODIA_STORE_URL}: a PostgreSQL store). */
    public static DeadProcess open(final Path dataDir, final java.util.Map<String, String> settings) {
        final GatewaySecrets secrets = GatewaySecrets.loadOrCreate(dataDir.resolve("keys/pepper.hex"), dataDir.resolve("keys/store-kek.hex"));
        final LedgerClient ledger = EmbeddedLedgerClient.open(LedgerConfig.builder(dataDir.resolve("ledger")).build());
        final String url = settings.get("CUSTODIA_STORE_URL");
        return new DeadProcess(OffChainStore.open(url != null ? StoreConfig.postgres(url, secrets.storeKey())
                : StoreConfig.sqlite(dataDir.resolve("store"), secrets.storeKey())), ledger);
    }

    /**
     * {@code operation} with a kill inserted: before step {@code step} (1-based) runs, or right after it
     * took effect but before its progress was recorded ({@code afterEffect}).
     */
    public static OutboxOperation killedAt(final OutboxOperation operation, final int step, final boolean afterEffect) {
        final List<OutboxStep> steps = new ArrayList<>(operation.steps());
        final OutboxStep original = steps.get(step - 1);
        steps.set(step - 1, context -> {
            if (!afterEffect) {
                throw new Halt("before step " + step);
            }
            original.run(context);
            throw new Halt("after step " + step + " took effect");
        });
        return new OutboxOperation(operation.kind(), steps, operation.scrubWhenDone());
    }

    /** Evaluates on the ledger as {@code institution}. */
    public byte[] evaluate(final String institution, final String function, final String... args) throws LedgerException {
        return ledger.evaluate(io.custodia.gateway.ledger.LedgerCaller.institution(institution), function, args);
    }

    @Override
    public void close() {
        store.close();
        ledger.close();
    }
}
