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
 * {@code READY <height> <metadata hash>} once open, then {@code ACK <key>} for each transaction the
 * ledger acknowledged as committed. The parent kills it with SIGKILL at a random moment.
 *
 * <p>If the system property {@value #SCAN_PATH} is set, it replaces {@code java.class.path} before
 * the ledger opens. The shim's contract router scans, twice, every class file named by
 * {@code java.class.path} for {@code @Contract}, {@code @DataType} and {@code @Serializer} (ClassGraph
 * cannot read the JDK application loader's URLs, so it falls back to that property); on the full
 * test class path that is ~14,000 classes and most of each child's start-up. Classes still load from
 * the real class path, fixed when the JVM started. The printed metadata hash lets the parent prove
 * the narrowed scan registered exactly what a full scan registers.
 */
public final class CrashWriter {
    /** Class-path entries the shim should scan for contracts (see the class comment). */
    static final String SCAN_PATH = "custodia.crash.scanPath";

    private CrashWriter() {}

    public static void main(final String[] args) throws Exception {
        final String scanPath = System.getProperty(SCAN_PATH);
        if (scanPath != null) {
            System.setProperty("java.class.path", scanPath);
        }
        final Path dir = Path.of(args[0]);
        final String run = args[1];
        final EmbeddedLedger ledger = EmbeddedLedger.open(
                LedgerConfig.builder(dir).maxBlockTransactions(100).maxBlockWait(Duration.ofMillis(2)).build());
        final Identity alice = ledger.identity("Org1MSP", "alice", Map.of("custodia.role", "institution"));
        final byte[] metadata = ledger.evaluate(alice, "org.hyperledger.fabric:GetMetadata");
        System.out.println("READY " + ledger.info().height() + " " + MetadataFingerprint.of(metadata));
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
