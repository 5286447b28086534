package io.custodia.ledger.bench;

import io.custodia.ledger.CommitResult;
import io.custodia.ledger.EmbeddedLedger;
import io.custodia.ledger.LedgerConfig;
import io.custodia.ledger.VerificationReport;
import io.custodia.ledger.identity.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the embedded ledger end to end (chaincode through the shim router, ECDSA signing of each
 * proposal, MVCC validation, block signing, fsync, RocksDB apply):
 *
 * <ol>
 *   <li>single-event transactions ({@code kv:recordAccess}: one access record, two index keys, one event) —
 *       committed tx/s and commit latency p50/p99;</li>
 *   <li>batched access events ({@code kv:recordAccessBatch}, {@code bench.batch} events per transaction) — events/s;</li>
 *   <li>full verification (hash chain, data hashes, node signatures, every transaction signature) — tx/s;</li>
 *   <li>re-verification from the full run's head as anchor after {@code bench.sinceAnchor} more transactions
 *       (every block re-hashed, signatures of the new ones only) — tx/s over the whole ledger;</li>
 *   <li>restart (open) time with everything written above on disk.</li>
 * </ol>
 *
 * <p>Run: {@code mvn -o -q -pl embedded-ledger test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.custodia.ledger.bench.LedgerBenchmark -Dbench.tx=20000 -Dbench.fill=1000000}
 */
public final class LedgerBenchmark {
    private LedgerBenchmark() {}

    public static void main(final String[] args) throws Exception {
        final int singleTx = Integer.getInteger("bench.tx", 20_000);
        final int batch = Integer.getInteger("bench.batch", 50);
        final int batchTx = Integer.getInteger("bench.batchTx", 2_000);
        final int fill = Integer.getInteger("bench.fill", 0);
        final int inFlight = Integer.getInteger("bench.inFlight", 256);
        final Path dir = Files.createTempDirectory("custodia-ledger-bench");
        final LedgerConfig config = LedgerConfig.builder(dir).maxBlockTransactions(500).maxBlockWait(Duration.ofMillis(2)).build();
        System.out.printf("cores=%d dir=%s%n", Runtime.getRuntime().availableProcessors(), dir);

        try (EmbeddedLedger ledger = EmbeddedLedger.open(config)) {
            final Identity alice = ledger.identity("Org1MSP", "bench", Map.of("custodia.role", "institution"));
            run(ledger, alice, 2_000, inFlight, i -> new String[] {"kv:recordAccess", "warm-" + i, "ds-1", "Org1MSP"}, "warm-up");
            run(ledger, alice, singleTx, inFlight, i -> new String[] {"kv:recordAccess", "a-" + i, "ds-" + (i % 100), "Org1MSP"},
                    "single-event tx");
            for (final int concurrency : new int[] {8, 16, 32}) {
                run(ledger, alice, Math.min(singleTx, 10_000), concurrency,
                        i -> new String[] {"kv:recordAccess", "l" + concurrency + "-" + i, "ds-" + (i % 100), "Org1MSP"},
                        "single-event tx, " + concurrency + " in flight");
            }
            final double batchRate = run(ledger, alice, batchTx, 64,
                    i -> new String[] {"kv:recordAccessBatch", "b-" + i, Integer.toString(batch), "ds-" + (i % 100), "Org1MSP"},
                    "batched tx (" + batch + " access events each)");
            System.out.printf("  => %.0f access events/s committed durably%n", batchRate * batch);
            if (fill > 0) {
                run(ledger, alice, fill, inFlight, i -> new String[] {"kv:put", "f\u0001" + i, "v"}, "fill (kv:put)");
            }

            if (Boolean.parseBoolean(System.getProperty("bench.verify", "true"))) {
                final double loadBefore = loadAverage();
                final long cpuStart = processCpuNanos();
                final long start = System.nanoTime();
                final VerificationReport report = ledger.verify();
                final double seconds = (System.nanoTime() - start) / 1e9;
                final double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
                // CPU time per transaction is what the verifier costs; wall time also depends on how
                // much of the 2 shared cores the other engineers' builds leave us.
                System.out.printf("verify: %s in %.2f s = %.0f tx/s; process CPU %.2f s = %.1f us CPU per tx, %.2f cores busy"
                        + " (load average %.2f before, %.2f after)%n", report, seconds, report.transactionsChecked() / seconds,
                        cpuSeconds, cpuSeconds * 1e6 / report.transactionsChecked(), cpuSeconds / seconds, loadBefore, loadAverage());
                anchoredVerify(ledger, alice, report, inFlight);
            }
        }
        System.out.printf("one ECDSA P-256 verify (Bouncy Castle) on this machine now: %.0f us%n", ecdsaVerifyMicros());
        structurePass(config);

        final long start = System.nanoTime();
        try (EmbeddedLedger ledger = EmbeddedLedger.open(config)) {
            final double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("restart: open with %d transactions in %d blocks took %.2f s%n",
                    ledger.info().transactionCount(), ledger.info().height(), seconds);
        }
        if (Boolean.parseBoolean(System.getProperty("bench.rebuild", "false"))) {
            try (java.util.stream.Stream<Path> files = Files.walk(config.stateDir())) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            final long rebuildStart = System.nanoTime();
            try (EmbeddedLedger ledger = EmbeddedLedger.open(config)) {
                System.out.printf("rebuild: state and history rebuilt from %d transactions in %.2f s%n",
                        ledger.info().transactionCount(), (System.nanoTime() - rebuildStart) / 1e9);
            }
        }
    }

    /**
     * Cost breakdown only (not a verification mode): reads, CRC-checks, decodes and hashes every block
     * and follows the chain, without any signature check, to show what full verification spends on ECDSA.
     */
    /** An auditor's periodic check: the anchor kept from the last run, some new transactions since. */
    private static void anchoredVerify(final EmbeddedLedger ledger, final Identity alice, final VerificationReport full,
            final int inFlight) throws Exception {
        final int since = Integer.getInteger("bench.sinceAnchor", 10_000);
        run(ledger, alice, since, inFlight, i -> new String[] {"kv:recordAccess", "n-" + i, "ds-" + (i % 100), "Org1MSP"},
                "new transactions since the anchor");
        final double loadBefore = loadAverage();
        final long start = System.nanoTime();
        final VerificationReport report = ledger.verify(full.head().orElseThrow());
        final double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("anchored verify: %s in %.2f s = %.0f tx/s over the whole ledger (%d new since the anchor)"
                + " (load average %.2f before, %.2f after)%n", report, seconds, report.transactionsChecked() / seconds, since,
                loadBefore, loadAverage());
    }

    private static void structurePass(final LedgerConfig config) {
        final long start = System.nanoTime();
        long txs = 0;
        try (io.custodia.ledger.block.BlockStore store = io.custodia.ledger.block.BlockStore.open(config.blocksDir())) {
            byte[] previous = io.custodia.ledger.block.BlockCodec.genesisPreviousHash();
            for (long n = 0; n < store.height(); n++) {
                final io.custodia.ledger.block.BlockCodec.Decoded decoded = io.custodia.ledger.block.BlockCodec.decode(store.read(n));
                if (!Arrays.equals(decoded.block().previousHash(), previous)
                        || !Arrays.equals(decoded.computedDataHash(), decoded.block().dataHash())) {
                    throw new IllegalStateException("block " + n + " does not chain");
                }
                previous = decoded.block().headerHash();
                txs += decoded.block().transactions().size();
            }
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("cost breakdown: read+CRC+decode+hash chain of %d tx without signatures: %.2f s = %.0f tx/s (1 thread)%n",
                txs, seconds, txs / seconds);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double ecdsaVerifyMicros() {
        final Identity id = io.custodia.ledger.identity.CertificateAuthority.create("BenchMSP").issue("v", Map.of());
        final byte[] data = new byte[600];
        final byte[] sig = id.sign(data);
        final int n = 2_000;
        boolean all = true;
        final long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            all &= io.custodia.canonical.Signatures.verify(id.certificate().getPublicKey(), data, sig);
        }
        if (!all) {
            throw new IllegalStateException("signature did not verify");
        }
        return (System.nanoTime() - start) / 1e3 / n;
    }

    private static double run(final EmbeddedLedger ledger, final Identity who, final int count, final int inFlight,
            final java.util.function.IntFunction<String[]> call, final String label) throws InterruptedException {
        final Semaphore permits = new Semaphore(inFlight);
        final long[] latencies = new long[count];
        final AtomicLong invalid = new AtomicLong();
        final long start = System.nanoTime();
        final CompletableFuture<?>[] all = new CompletableFuture<?>[count];
        for (int i = 0; i < count; i++) {
            permits.acquire();
            final String[] fnAndArgs = call.apply(i);
            final int index = i;
            final long t0 = System.nanoTime();
            all[i] = ledger.submitAsync(who, fnAndArgs[0], Arrays.copyOfRange(fnAndArgs, 1, fnAndArgs.length))
                    .whenComplete((CommitResult r, Throwable e) -> {
                        latencies[index] = System.nanoTime() - t0;
                        if (e != null || !r.isValid()) {
                            invalid.incrementAndGet();
                        }
                        permits.release();
                    });
        }
        CompletableFuture.allOf(all).join();
        final double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        final double rate = count / seconds;
        System.out.printf("%s: %d tx in %.2f s = %.0f tx/s, commit latency p50 %.1f ms p99 %.1f ms, not valid %d%n",
                label, count, seconds, rate, latencies[count / 2] / 1e6, latencies[(int) (count * 0.99)] / 1e6, invalid.get());
        return rate;
    }
}
