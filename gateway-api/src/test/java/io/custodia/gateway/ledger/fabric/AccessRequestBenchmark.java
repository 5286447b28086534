package io.custodia.gateway.ledger.fabric;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Hashes;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.ledger.embedded.EmbeddedLedgerClient;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.ledger.LedgerConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Access-request throughput and latency of the gateway's ledger path ({@code access:RequestAccess} through
 * {@link LedgerClient#submit}, i.e. endorse, order, wait for VALID) on the embedded ledger or the native
 * Fabric network, with a bounded closed-loop load: {@code clients} threads, each submitting its next
 * request as soon as the previous one committed, for {@code seconds}. Loopback only.
 *
 * <pre>
 * java -cp ... io.custodia.gateway.ledger.fabric.AccessRequestBenchmark embedded|fabric SECONDS CLIENTS [NETWORK_DIR]
 * </pre>
 */
public final class AccessRequestBenchmark {
    private static final int SUBJECTS = 20;

    private AccessRequestBenchmark() {}

    public static void main(final String[] args) throws Exception {
        final String backend = args[0];
        final int seconds = Integer.parseInt(args[1]);
        final int clients = Integer.parseInt(args[2]);
        final LedgerClient owner;
        final LedgerClient requester;
        if (backend.equals("fabric")) {
            final Path net = Path.of(args[3]);
            owner = FabricLedgerClient.connect(FabricConnection.read(net.resolve("connections/org1.json")), FabricDeadlines.DEFAULT);
            requester = FabricLedgerClient.connect(FabricConnection.read(net.resolve("connections/org2.json")), FabricDeadlines.DEFAULT);
        } else {
            owner = EmbeddedLedgerClient.open(LedgerConfig.builder(Files.createTempDirectory("custodia-bench-")).build());
            requester = owner;
        }
        try {
            run(backend, owner, requester, seconds, clients);
        } finally {
            if (requester != owner) {
                requester.close();
            }
            owner.close();
        }
    }

    private static void run(final String backend, final LedgerClient owner, final LedgerClient requester, final int seconds,
            final int clients) throws Exception {
        final String run = UUID.randomUUID().toString().substring(0, 8);
        final String datasetId = "ds-bench-" + run;
        final List<String> subjects = new ArrayList<>();
        for (int i = 0; i < SUBJECTS; i++) {
            subjects.add(Hashes.sha256Hex("bench-subject-" + run + "-" + i));
        }
        final LedgerCaller org1 = LedgerCaller.institution("Org1MSP");
        final LedgerCaller org2 = LedgerCaller.institution("Org2MSP");
        owner.submit(org1, "datasets:RegisterDataset", CanonicalJson.toString(ApiSamples.descriptor(datasetId)), CanonicalJson.toString(subjects));
        for (int i = 0; i < SUBJECTS; i++) {
            final Map<String, Object> consent = new LinkedHashMap<>();
            consent.put("consentId", "c-bench-" + run + "-" + i);
            consent.put("subjectRef", subjects.get(i));
            consent.put("grantor", Map.of("kind", "SUBJECT"));
            consent.put("scope", Map.of("kind", "DATASETS", "datasetIds", List.of(datasetId)));
            consent.put("purposes", List.of(Map.of("code", "HMB")));
            consent.put("grantees", List.of("Org2MSP"));
            consent.put("validFrom", "2025-01-01T00:00:00Z");
            consent.put("documentHash", Hashes.sha256Hex("doc-" + i));
            owner.submit(org1, "consents:GrantConsent", CanonicalJson.toString(consent));
        }
        // Let the requester's peer catch up with the setup writes before timing.
        Thread.sleep(2_000);

        final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        final AtomicLong sequence = new AtomicLong();
        final long end = System.nanoTime() + seconds * 1_000_000_000L;
        final CountDownLatch done = new CountDownLatch(clients);
        final double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        final long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            final Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        final Map<String, Object> request = new LinkedHashMap<>();
                        request.put("requestId", "r-bench-" + run + "-" + sequence.incrementAndGet());
                        request.put("datasetId", datasetId);
                        request.put("purpose", Map.of("code", "HMB"));
                        request.put("commercial", false);
                        request.put("forProfit", false);
                        request.put("methodsDevelopment", false);
                        request.put("geneticStudy", false);
                        request.put("task", "segmentation:lung-nodule");
                        final long t0 = System.nanoTime();
                        try {
                            requester.submit(org2, "access:RequestAccess", CanonicalJson.toString(request));
                            latencies.add(System.nanoTime() - t0);
                        } catch (LedgerException e) {
                            failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
            t.start();
        }
        done.await();
        final double elapsed = (System.nanoTime() - started) / 1e9;
        final double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        final List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("backend=%s clients=%d duration=%.1fs committed=%d failures=%s throughput=%.1f tx/s "
                        + "p50=%.0fms p90=%.0fms p99=%.0fms max=%.0fms loadavg(1m) before=%.1f after=%.1f cores=%d%n",
                backend, clients, elapsed, sorted.size(), failures, sorted.size() / elapsed,
                pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), pct(sorted, 1.0), loadBefore, loadAfter,
                Runtime.getRuntime().availableProcessors());
    }

    private static double pct(final List<Long> sorted, final double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        final int index = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(p * sorted.size()) - 1));
        return sorted.get(index) / 1e6;
    }
}
