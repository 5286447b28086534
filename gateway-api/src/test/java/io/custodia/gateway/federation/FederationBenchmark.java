package io.custodia.gateway.federation;

import static io.custodia.gateway.testing.HttpClientSupport.json;

import io.custodia.canonical.CanonicalJson;
import io.custodia.gateway.access.AccessScenario;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.RunningGateway;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Access requests with delivery through two gateways on the native Fabric network ({@code POST
 * /api/v1/access-requests} at Org2's gateway, which fetches the pointers from Org1's gateway, which
 * records the delivery receipt) against the raw fabric-gateway path doing the same {@code
 * access:RequestAccess} ({@link LedgerClient#submit} of Org2's gateway: endorse, order, wait for VALID),
 * in one run, same dataset, same closed-loop load: {@code clients} threads for {@code seconds} each.
 *
 * <pre>
 * java -cp ... io.custodia.gateway.federation.FederationBenchmark NETWORK_DIR|embedded SECONDS CLIENTS [SUBJECTS]
 * </pre>
 */
public final class FederationBenchmark {
    private FederationBenchmark() {}

    private interface Call {
        boolean run(String requestId) throws Exception;
    }

    public static void main(final String[] args) throws Exception {
        final int seconds = Integer.parseInt(args[1]);
        final int clients = Integer.parseInt(args[2]);
        final int subjects = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        if (args[0].equals("embedded")) {
            // One gateway plays both institutions; the release goes through the same code path in-process.
            try (RunningGateway gateway = RunningGateway.start(Files.createTempDirectory("custodia-bench-embedded-"),
                    Map.of("CUSTODIA_RATE_LIMIT", "100000"))) {
                compare(gateway, gateway, seconds, clients, subjects);
            }
            return;
        }
        final Path network = Path.of(args[0]).toAbsolutePath();
        final String trust = "Org1MSP=" + ca(network, 1) + ",Org2MSP=" + ca(network, 2);
        try (RunningGateway org1 = gateway(network, 1, Map.of("CUSTODIA_FEDERATION_TRUST", trust))) {
            try (RunningGateway org2 = gateway(network, 2, Map.of("CUSTODIA_FEDERATION_TRUST", trust,
                    "CUSTODIA_PEER_GATEWAYS", "Org1MSP=" + org1.baseUrl(), "CUSTODIA_RATE_LIMIT", "100000"))) {
                compare(org1, org2, seconds, clients, subjects);
            }
        }
    }

    /** The raw ledger path of Org2's gateway, then the HTTP path with delivery from Org1's; same dataset, same load. */
    private static void compare(final RunningGateway org1, final RunningGateway org2, final int seconds, final int clients,
            final int subjects) throws Exception {
        final String datasetId = setUp(org1, subjects);
        // Let the requester's peer catch up with the set-up writes before timing.
        Thread.sleep(2_000);
        final String run = UUID.randomUUID().toString().substring(0, 8);
        final LedgerClient raw = org2.gateway().ledger();
        final HttpClientSupport http = new HttpClientSupport(org2.baseUrl());
        final String token = org2.token(UserRole.INSTITUTION, "Org2MSP", "bench");
        final String mode = org1 == org2 ? "embedded" : "fabric";
        measure(mode + ":raw-ledger-submit", seconds, clients, "r-raw-" + run, id -> {
            raw.submit(LedgerCaller.institution("Org2MSP"), "access:RequestAccess", CanonicalJson.toString(body(datasetId, id)));
            return true;
        });
        measure(mode + ":http-deny-no-delivery", seconds, clients, "r-deny-" + run, id -> {
            // POA is outside the dataset's HMB permission: a DENY at the dataset level, so no delivery.
            final Map<String, Object> deny = body(datasetId, id);
            deny.put("purpose", Map.of("code", "POA"));
            final HttpClientSupport.Reply reply = http.post("/api/v1/access-requests", token, json(deny));
            return reply.status() == 201 && "DENY".equals(reply.json().path("event").path("decision").asText());
        });
        measure(mode + ":http-with-delivery", seconds, clients, "r-fed-" + run, id -> {
            final HttpClientSupport.Reply reply = http.post("/api/v1/access-requests", token, json(body(datasetId, id)));
            return reply.status() == 201 && "delivered".equals(reply.json().path("delivery").path("status").asText())
                    && reply.json().path("subjects").size() == subjects;
        });
    }

    private static String setUp(final RunningGateway org1, final int subjects) throws Exception {
        final HttpClientSupport http = new HttpClientSupport(org1.baseUrl());
        final String hospital = org1.token(UserRole.INSTITUTION, "Org1MSP", "bench");
        final String datasetId = AccessScenario.unique("ds-bench");
        final List<String> mrns = new ArrayList<>();
        for (int i = 0; i < subjects; i++) {
            mrns.add(AccessScenario.unique("MRN"));
        }
        final List<String> refs = new ArrayList<>();
        http.post("/api/v1/subjects/pseudonyms", hospital, json(Map.of("patientIds", mrns))).json().path("subjectRefs")
                .forEach(n -> refs.add(n.asText()));
        require(http.post("/api/v1/datasets", hospital, json(ApiSamples.registration(datasetId, refs))), 201);
        for (final String mrn : mrns) {
            final Map<String, Object> consent = new LinkedHashMap<>();
            consent.put("scope", Map.of("kind", "INSTITUTION", "institution", "Org1MSP"));
            consent.put("purposes", List.of(Map.of("code", "HMB")));
            consent.put("grantees", List.of("Org2MSP"));
            consent.put("validFrom", "2025-01-01T00:00:00Z");
            consent.put("document", Base64.getEncoder().encodeToString(("form " + mrn).getBytes(StandardCharsets.UTF_8)));
            require(http.post("/api/v1/consents", org1.token(UserRole.PATIENT, "Org1MSP", mrn), json(consent)), 201);
        }
        return datasetId;
    }

    private static void require(final HttpClientSupport.Reply reply, final int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("set-up failed: " + reply);
        }
    }

    private static Map<String, Object> body(final String datasetId, final String requestId) {
        final Map<String, Object> body = AccessScenario.request(datasetId);
        body.put("requestId", requestId);
        return body;
    }

    private static void measure(final String name, final int seconds, final int clients, final String prefix, final Call call)
            throws InterruptedException {
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
                        final long t0 = System.nanoTime();
                        try {
                            if (call.run(prefix + "-" + sequence.incrementAndGet())) {
                                latencies.add(System.nanoTime() - t0);
                            } else {
                                failures.computeIfAbsent("not-delivered", k -> new AtomicLong()).incrementAndGet();
                            }
                        } catch (Exception e) {
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
        final List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("path=%s clients=%d duration=%.1fs ok=%d failures=%s throughput=%.2f req/s p50=%.0fms p90=%.0fms "
                        + "p99=%.0fms max=%.0fms loadavg(1m) before=%.1f after=%.1f%n",
                name, clients, elapsed, sorted.size(), failures, sorted.size() / elapsed, pct(sorted, 0.50), pct(sorted, 0.90),
                pct(sorted, 0.99), pct(sorted, 1.0), loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double pct(final List<Long> sorted, final double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        final int index = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(p * sorted.size()) - 1));
        return sorted.get(index) / 1e6;
    }

    private static Path ca(final Path network, final int org) {
        return network.resolve("crypto/peerOrganizations/org" + org + ".custodia.test/ca/ca.org" + org + ".custodia.test-cert.pem");
    }

    private static RunningGateway gateway(final Path network, final int org, final Map<String, String> more) throws Exception {
        final Map<String, String> settings = new LinkedHashMap<>(more);
        settings.put("CUSTODIA_LEDGER", "fabric");
        settings.put("CUSTODIA_FABRIC_CONNECTION", network.resolve("connections/org" + org + ".json").toString());
        return RunningGateway.start(Files.createTempDirectory("custodia-bench-org" + org + "-"), settings);
    }
}
