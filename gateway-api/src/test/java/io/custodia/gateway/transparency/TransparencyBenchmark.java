package io.custodia.gateway.transparency;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.MerkleProofs;
import io.custodia.canonical.MerkleTree;
import io.custodia.canonical.NoteKey;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Transparency-log benchmark (a test-scope main, never run by {@code mvn verify}; docs/benchmarks.md):
 * builds a tree of {@code bench.leaves} leaves (default 10,000,000) with the production store, then
 * measures inclusion-proof generation and verification on one thread over random leaves, and the
 * append cost of real log entries (one event each) on the access path.
 *
 * <pre>{@code
 * java -cp ... io.custodia.gateway.transparency.TransparencyBenchmark  [-Dbench.dir=/tmp/tlog-bench] [-Dbench.leaves=10000000]
 * }</pre>
 */
public final class TransparencyBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private TransparencyBenchmark() {}

    public static void main(final String[] args) throws Exception {
        final Path dir = Path.of(System.getProperty("bench.dir", "/tmp/tlog-bench"));
        final long leaves = Long.getLong("bench.leaves", 10_000_000L);
        final int seconds = Integer.getInteger("bench.seconds", 10);

        final long buildStart = System.nanoTime();
        try (MerkleLogStore store = MerkleLogStore.open(dir.resolve("tree"))) {
            // Leaves are 8-byte counters here: the proof cost does not depend on the entry size, and 10^7 real
            // entries would add 2.3 GB of entry bytes the proofs never read.
            final ByteBuffer leaf = ByteBuffer.allocate(8);
            for (long i = store.size(); i < leaves; i++) {
                store.append(leaf.putLong(0, i).array().clone(), i + 1);
            }
            store.sync();
            System.out.printf("tree: %,d leaves (built/opened in %.1f s)%n", store.size(), (System.nanoTime() - buildStart) / 1e9);
            final byte[] root = MerkleProofs.rootHash(store, leaves);

            final SplittableRandom random = new SplittableRandom(6962);
            long generated = 0;
            long pathHashes = 0;
            final long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            final long genStart = System.nanoTime();
            final long genCpu = CPU.getCurrentThreadCpuTime();
            while (System.nanoTime() < end) {
                for (int i = 0; i < 1000; i++) {
                    pathHashes += MerkleProofs.inclusionProof(store, random.nextLong(leaves), leaves).size();
                }
                generated += 1000;
            }
            final double genRate = generated / ((System.nanoTime() - genStart) / 1e9);
            final double genCpuRate = generated / ((CPU.getCurrentThreadCpuTime() - genCpu) / 1e9);
            System.out.printf("inclusion proofs generated: %,.0f/s wall, %,.0f per CPU-second (one thread, %.1f hashes a proof)%n",
                    genRate, genCpuRate, (double) pathHashes / generated);

            final int samples = 10_000;
            final long[] index = new long[samples];
            final byte[][] leafHashes = new byte[samples][];
            final List<?>[] proofs = new List<?>[samples];
            for (int i = 0; i < samples; i++) {
                index[i] = random.nextLong(leaves);
                leafHashes[i] = MerkleTree.leafHash(ByteBuffer.allocate(8).putLong(0, index[i]).array());
                proofs[i] = MerkleProofs.inclusionProof(store, index[i], leaves);
            }
            long verified = 0;
            final long verifyEnd = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            final long verifyStart = System.nanoTime();
            final long verifyCpu = CPU.getCurrentThreadCpuTime();
            while (System.nanoTime() < verifyEnd) {
                for (int i = 0; i < samples; i++) {
                    @SuppressWarnings("unchecked")
                    final List<byte[]> proof = (List<byte[]>) proofs[i];
                    if (!MerkleProofs.verifyInclusion(leafHashes[i], index[i], leaves, proof, root)) {
                        throw new AssertionError("proof of leaf " + index[i] + " does not verify");
                    }
                }
                verified += samples;
            }
            System.out.printf("inclusion proofs verified: %,.0f/s wall, %,.0f per CPU-second (one thread)%n",
                    verified / ((System.nanoTime() - verifyStart) / 1e9), verified / ((CPU.getCurrentThreadCpuTime() - verifyCpu) / 1e9));
        }

        // The access path: one real entry per access decision, appended by the log's follower thread.
        final Path appendDir = Files.createDirectories(dir.resolve("append"));
        final int appends = 200_000;
        try (TransparencyLog log = TransparencyLog.open(appendDir, NoteKey.generate("bench/log", NoteKey.TYPE_ED25519), Duration.ZERO)) {
            final long base = log.resumeFrom().blockNumber() + 1;
            final long start = System.nanoTime();
            final long cpu = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < appends; i++) {
                log.record(new LedgerEvent(base + i, 0, "tx-" + base + "-" + i, "AccessDecided", CanonicalJson.toBytes(Map.of(
                        "eventId", "ev-" + base + "-" + i, "datasetId", "ds-1", "requester", "Org2MSP", "decision", "PERMIT",
                        "subjectsReleased", 100, "releasedSubjectsRoot", "0".repeat(64)))));
            }
            final double micros = (System.nanoTime() - start) / 1e3 / appends;
            final double cpuMicros = (CPU.getCurrentThreadCpuTime() - cpu) / 1e3 / appends;
            final long syncStart = System.nanoTime();
            log.sync();
            System.out.printf("append: %.2f us wall, %.2f us CPU an event (%,d events; entry JSON, leaf hash, node writes), sync %.1f ms%n",
                    micros, cpuMicros, appends, (System.nanoTime() - syncStart) / 1e6);
        }
    }
}
