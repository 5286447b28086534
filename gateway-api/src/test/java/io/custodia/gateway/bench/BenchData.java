package io.custodia.gateway.bench;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Hashes;
import io.custodia.gateway.Gateway;
import io.custodia.gateway.access.AccessScenario;
import io.custodia.gateway.config.GatewaySecrets;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.embedded.EmbeddedLedgerClient;
import io.custodia.gateway.store.DatasetPointer;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.store.SubjectItems;
import io.custodia.ledger.CommitResult;
import io.custodia.ledger.EmbeddedLedger;
import io.custodia.ledger.identity.Identity;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prepares a reusable benchmark data directory: {@code datasets} datasets of {@code subjects}
 * subjects each (pointers and salts in the store, every subject consenting to {@link #REQUESTER}),
 * then {@code events} access events recorded by driving the embedded ledger directly with many
 * concurrent asynchronous submissions. A marker file records what was prepared; a second run reuses it.
 */
final class BenchData {
    static final String OWNER = "BenchOwnerMSP";
    static final String REQUESTER = "BenchRequesterMSP";
    static final String MARKER = "bench-prepared.properties";
    private static final int IN_FLIGHT = 512;

    private final Path dir;
    private final int datasets;
    private final int subjects;
    private final long events;
    private final int permitEvery;

    BenchData(final Path dir, final int datasets, final int subjects, final long events, final int permitEvery) {
        this.dir = dir;
        this.datasets = datasets;
        this.subjects = subjects;
        this.events = events;
        this.permitEvery = permitEvery;
    }

    static String datasetId(final int n) {
        return String.format("bench-ds-%04d", n);
    }

    /** Prepares the directory unless a marker with the same parameters is there. */
    void prepareIfNeeded(final java.util.function.Function<Path, Gateway> start) throws Exception {
        final Path marker = dir.resolve(MARKER);
        if (Files.exists(marker)) {
            final Properties done = new Properties();
            try (InputStream in = Files.newInputStream(marker)) {
                done.load(in);
            }
            if (!done.equals(parameters())) {
                throw new IllegalStateException("bench dir " + dir + " was prepared with " + done + ", not " + parameters()
                        + "; remove it or use another -Dbench.dir");
            }
            System.out.println("reusing prepared data in " + dir + ": " + done);
            return;
        }
        if (Files.exists(dir) && Files.list(dir).findAny().isPresent()) {
            throw new IllegalStateException(dir + " exists without a complete preparation marker; remove it first");
        }
        Files.createDirectories(dir);
        final long t0 = System.nanoTime();
        try (Gateway gateway = start.apply(dir)) {
            final EmbeddedLedgerClient client = (EmbeddedLedgerClient) gateway.ledger();
            final GatewaySecrets secrets = GatewaySecrets.loadOrCreate(dir.resolve("keys/pepper.hex"), dir.resolve("keys/store-kek.hex"));
            final List<List<String>> refs = registerSubjects(gateway.store(), secrets);
            System.out.printf("registered %d subjects with pointers in %.1f s%n", datasets * subjects, (System.nanoTime() - t0) / 1e9);
            final EmbeddedLedger ledger = client.ledger();
            final Identity owner = client.identity(LedgerCaller.institution(OWNER));
            final Identity requester = client.identity(LedgerCaller.institution(REQUESTER));
            final Submitter submitter = new Submitter(ledger);
            for (int d = 0; d < datasets; d++) {
                submitter.submit(owner, "datasets:RegisterDataset", AccessScenario.datasetJson(datasetId(d), subjects),
                        CanonicalJson.toString(refs.get(d).stream().sorted().toList()));
            }
            submitter.drain();
            int consentNo = 0;
            for (final List<String> datasetRefs : refs) {
                for (final String ref : datasetRefs) {
                    submitter.submit(owner, "consents:GrantConsent", consent("bench-consent-" + consentNo++, ref));
                }
            }
            submitter.drain();
            System.out.printf("datasets and %d consents on the ledger after %.1f s%n", consentNo, (System.nanoTime() - t0) / 1e9);
            final long loadStart = System.nanoTime();
            for (long e = 0; e < events; e++) {
                final boolean permit = e % permitEvery == 0;
                submitter.submit(requester, "access:RequestAccess", request(String.format("pre-%08d", e), datasetId((int) (e % datasets)), !permit));
                if ((e + 1) % 100_000 == 0) {
                    System.out.printf("  %,d access events submitted, %.0f/s%n", e + 1, (e + 1) / ((System.nanoTime() - loadStart) / 1e9));
                }
            }
            submitter.drain();
            System.out.printf("%,d access events recorded in %.1f s (%.0f/s); ledger: %s%n", events,
                    (System.nanoTime() - loadStart) / 1e9, events / ((System.nanoTime() - loadStart) / 1e9), client.status());
        }
        try (OutputStream out = Files.newOutputStream(marker)) {
            parameters().store(out, "custodia access benchmark data");
        }
        System.out.printf("prepared %s in %.1f s%n", dir, (System.nanoTime() - t0) / 1e9);
    }

    private Properties parameters() {
        final Properties p = new Properties();
        p.setProperty("datasets", Integer.toString(datasets));
        p.setProperty("subjects", Integer.toString(subjects));
        p.setProperty("events", Long.toString(events));
        p.setProperty("permitEvery", Integer.toString(permitEvery));
        return p;
    }

    private List<List<String>> registerSubjects(final OffChainStore store, final GatewaySecrets secrets) {
        final byte[] pepper = secrets.institutionPepper(OWNER);
        final List<List<String>> all = new ArrayList<>();
        for (int d = 0; d < datasets; d++) {
            final String datasetId = datasetId(d);
            store.datasets().put(new DatasetPointer(datasetId, "s3://bench/" + datasetId + "/", OWNER));
            final List<String> refs = new ArrayList<>();
            for (int s = 0; s < subjects; s++) {
                final String ref = store.subjects().registerOrGet(pepper, "bench-p-" + d + "-" + s).subjectRef();
                store.items().put(new SubjectItems(datasetId, ref,
                        List.of("s3://bench/" + datasetId + "/" + s + "/a.dcm", "s3://bench/" + datasetId + "/" + s + "/b.dcm"),
                        Hashes.sha256(("bench-salt-" + ref).getBytes(StandardCharsets.UTF_8))));
                refs.add(ref);
            }
            all.add(refs);
        }
        return all;
    }

    private static String consent(final String consentId, final String subjectRef) {
        final Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("consentId", consentId);
        consent.put("subjectRef", subjectRef);
        consent.put("grantor", Map.of("kind", "SUBJECT"));
        consent.put("scope", Map.of("kind", "INSTITUTION", "institution", OWNER));
        consent.put("purposes", List.of(Map.of("code", "HMB")));
        consent.put("grantees", List.of(REQUESTER));
        consent.put("validFrom", "2025-01-01T00:00:00Z");
        consent.put("documentHash", Hashes.sha256Hex("bench-consent-document-" + consentId));
        return CanonicalJson.toString(consent);
    }

    /** A request body; {@code forProfit} requests are denied by the datasets' NPU restriction. */
    static String request(final String requestId, final String datasetId, final boolean forProfit) {
        final Map<String, Object> body = new LinkedHashMap<>();
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        body.put("datasetId", datasetId);
        body.put("purpose", Map.of("code", "HMB"));
        body.put("commercial", false);
        body.put("forProfit", forProfit);
        body.put("methodsDevelopment", false);
        body.put("geneticStudy", false);
        body.put("task", AccessScenario.TASK);
        return CanonicalJson.toString(body);
    }

    /** Bounded concurrent asynchronous submission; the first failure stops the preparation. */
    private static final class Submitter {
        private final EmbeddedLedger ledger;
        private final Semaphore permits = new Semaphore(IN_FLIGHT);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicLong invalid = new AtomicLong();

        Submitter(final EmbeddedLedger ledger) {
            this.ledger = ledger;
        }

        void submit(final Identity identity, final String function, final String... args) throws InterruptedException {
            permits.acquire();
            check();
            final CompletableFuture<CommitResult> future = ledger.submitAsync(identity, function, args);
            future.whenComplete((result, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else if (!result.isValid()) {
                    invalid.incrementAndGet();
                    failure.compareAndSet(null, new IllegalStateException(function + " invalidated: " + result.validationCode()));
                }
                permits.release();
            });
        }

        void drain() throws InterruptedException {
            permits.acquire(IN_FLIGHT);
            permits.release(IN_FLIGHT);
            check();
        }

        private void check() {
            if (failure.get() != null) {
                throw new IllegalStateException("preparation failed", failure.get());
            }
        }
    }

}
