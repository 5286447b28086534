package io.custodia.gateway.consent;

import static io.custodia.gateway.consent.ConsentFixtures.grantWithDocument;
import static io.custodia.gateway.consent.ConsentFixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.config.GatewaySecrets;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.embedded.EmbeddedLedgerClient;
import io.custodia.gateway.outbox.OutboxOperation;
import io.custodia.gateway.outbox.OutboxRunner;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.store.OutboxItem;
import io.custodia.gateway.store.StoreConfig;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.RunningGateway;
import io.custodia.ledger.LedgerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A revocation interrupted after its first step (revoked on-chain, nothing erased yet) is finished by
 * the next process: by a fresh runner's {@code resumePending()}, and by a restarted gateway on its own.
 */
class RevocationCrashRecoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the setup left: a subject with a consent and pointers in a registered dataset. */
    private record Setup(Path dataDir, String consentId, String subjectRef, String datasetId) {}

    /** The off-chain store and ledger of a stopped gateway, opened the way a new process opens them. */
    private record Process(OffChainStore store, LedgerClient ledger) implements AutoCloseable {
        static Process open(final Path dataDir) {
            final GatewaySecrets secrets = GatewaySecrets.loadOrCreate(dataDir.resolve("keys/pepper.hex"), dataDir.resolve("keys/store-kek.hex"));
            final LedgerClient ledger = EmbeddedLedgerClient.open(LedgerConfig.builder(dataDir.resolve("ledger")).build());
            return new Process(OffChainStore.open(StoreConfig.sqlite(dataDir.resolve("store"), secrets.storeKey())), ledger);
        }

        @Override
        public void close() {
            store.close();
            ledger.close();
        }
    }

    private static Setup grantedConsentWithData() throws Exception {
        final Path dir = Files.createTempDirectory("custodia-crash-");
        try (RunningGateway gateway = RunningGateway.start(dir)) {
            final HttpClientSupport http = new HttpClientSupport(gateway.baseUrl());
            final String patient = gateway.token(UserRole.PATIENT, ConsentFixtures.ORG, newId("mrn-crash"));
            final String consentId = newId("c");
            final HttpClientSupport.Reply granted = http.post("/api/v1/consents", patient,
                    HttpClientSupport.json(grantWithDocument(consentId, "consent before the crash")));
            assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
            final String subjectRef = granted.json().path("consent").path("subjectRef").asText();
            final String datasetId = newId("ds");
            TestDatasets.register(gateway.gateway().ledger(), gateway.gateway().store(), datasetId, subjectRef,
                    List.of("s3://bucket/" + datasetId + "/ct-1.dcm"));
            return new Setup(dir, consentId, subjectRef, datasetId);
        }
    }

    /** Runs the revocation's first step, then "dies": a step that throws before anything is erased. */
    private static long revokeThenCrash(final Process process, final Setup setup) {
        final OutboxRunner crashing = new OutboxRunner(process.store(), Clock.systemUTC());
        final OutboxOperation full = new RevokeConsentOperation(process.ledger(), process.store(), Clock.systemUTC()).operation();
        crashing.register(new OutboxOperation(RevokeConsentOperation.KIND, List.of(full.steps().get(0), step -> {
            throw new IllegalStateException("simulated crash after step 1");
        })));
        final long id = process.store().outbox().enqueue(RevokeConsentOperation.KIND, io.custodia.canonical.CanonicalJson.toString(
                RevokeConsentOperation.payload(setup.consentId(), setup.subjectRef(), ConsentFixtures.ORG, ActingResolver.subjectActor())));
        assertThatThrownBy(() -> crashing.run(id)).hasMessageContaining("simulated crash");
        return id;
    }

    private static JsonNode consent(final LedgerClient ledger, final String consentId) throws Exception {
        return JSON.readTree(ledger.evaluate(ConsentFixtures.INSTITUTION_CALLER, "consents:GetConsent", consentId));
    }

    private static JsonNode erasures(final LedgerClient ledger, final String subjectRef) throws Exception {
        return JSON.readTree(ledger.evaluate(ConsentFixtures.INSTITUTION_CALLER, "erasures:ListErasuresBySubject", subjectRef, "10", "")).path("items");
    }

    @Test
    void a_new_runner_over_the_same_store_finishes_an_interrupted_revocation() throws Exception {
        final Setup setup = grantedConsentWithData();
        try (Process process = Process.open(setup.dataDir())) {
            final long id = revokeThenCrash(process, setup);
            // The half-done state the crash left: revoked on-chain, nothing erased, no receipt.
            final OutboxItem interrupted = process.store().outbox().find(id).orElseThrow();
            assertThat(interrupted.done()).isFalse();
            assertThat(interrupted.completedSteps()).isEqualTo(1);
            assertThat(consent(process.ledger(), setup.consentId()).path("status").asText()).isEqualTo("REVOKED");
            assertThat(process.store().items().find(setup.datasetId(), setup.subjectRef())).isPresent();
            assertThat(erasures(process.ledger(), setup.subjectRef())).isEmpty();
            final OutboxRunner next = new OutboxRunner(process.store(), Clock.systemUTC());
            next.register(new RevokeConsentOperation(process.ledger(), process.store(), Clock.systemUTC()).operation());
            next.register(new GrantConsentOperation(process.ledger(), process.store()).operation());

            int completed = 0;
            final Instant deadline = Instant.now().plusSeconds(10);
            while (completed == 0 && Instant.now().isBefore(deadline)) {
                // The failed attempt released the item with a short back-off; resume once it is due.
                Thread.sleep(200);
                completed = next.resumePending();
            }

            assertThat(completed).isEqualTo(1);
            assertThat(process.store().outbox().find(id).orElseThrow().done()).isTrue();
            assertThat(process.store().items().find(setup.datasetId(), setup.subjectRef())).isEmpty();
            assertThat(process.store().consents().find(setup.consentId())).isEmpty();
            final JsonNode receipts = erasures(process.ledger(), setup.subjectRef());
            assertThat(receipts).hasSize(1);
            assertThat(receipts.get(0).path("erasure").path("datasetIds").get(0).asText()).isEqualTo(setup.datasetId());
            assertThat(receipts.get(0).path("erasure").path("consentIds").get(0).asText()).isEqualTo(setup.consentId());
        }
    }

    @Test
    void a_step_whose_ledger_write_committed_but_whose_progress_was_lost_is_harmless_to_rerun() throws Exception {
        final Setup setup = grantedConsentWithData();
        try (Process process = Process.open(setup.dataDir())) {
            final OutboxOperation full = new RevokeConsentOperation(process.ledger(), process.store(), Clock.systemUTC()).operation();
            final OutboxRunner crashing = new OutboxRunner(process.store(), Clock.systemUTC());
            // Both ledger steps take effect and then the process dies before recording them: the
            // revocation (step 1) and the receipt (step 4) run again on resume.
            crashing.register(new OutboxOperation(RevokeConsentOperation.KIND, List.of(
                    full.steps().get(0), full.steps().get(1), full.steps().get(2), step -> {
                        full.steps().get(3).run(step);
                        throw new IllegalStateException("simulated crash after the receipt committed");
                    })));
            final long id = process.store().outbox().enqueue(RevokeConsentOperation.KIND, io.custodia.canonical.CanonicalJson.toString(
                    RevokeConsentOperation.payload(setup.consentId(), setup.subjectRef(), ConsentFixtures.ORG, ActingResolver.subjectActor())));
            assertThatThrownBy(() -> crashing.run(id)).hasMessageContaining("simulated crash");
            assertThat(process.store().outbox().find(id).orElseThrow().completedSteps()).isEqualTo(3);
            assertThat(erasures(process.ledger(), setup.subjectRef())).hasSize(1);
            final OutboxRunner next = new OutboxRunner(process.store(), Clock.systemUTC());
            next.register(full);

            int completed = 0;
            final Instant deadline = Instant.now().plusSeconds(10);
            while (completed == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                completed = next.resumePending();
            }

            assertThat(completed).isEqualTo(1);
            assertThat(erasures(process.ledger(), setup.subjectRef())).hasSize(1);
            assertThat(erasures(process.ledger(), setup.subjectRef()).get(0).path("erasure").path("receiptId").asText())
                    .isEqualTo(RevokeConsentOperation.receiptId(setup.consentId(), setup.subjectRef()));
            // The completed item keeps no pseudonym of the erased subject.
            final OutboxItem done = process.store().outbox().find(id).orElseThrow();
            assertThat(done.payload()).isEqualTo("{}");
            assertThat(done.stepState()).isNull();
        }
    }

    @Test
    void a_revocation_that_committed_before_the_crash_is_recognised_on_resume() throws Exception {
        final Setup setup = grantedConsentWithData();
        try (Process process = Process.open(setup.dataDir())) {
            final OutboxOperation full = new RevokeConsentOperation(process.ledger(), process.store(), Clock.systemUTC()).operation();
            final OutboxRunner crashing = new OutboxRunner(process.store(), Clock.systemUTC());
            crashing.register(new OutboxOperation(RevokeConsentOperation.KIND, List.of(step -> {
                full.steps().get(0).run(step);
                throw new IllegalStateException("simulated crash after RevokeConsent committed");
            })));
            final long id = process.store().outbox().enqueue(RevokeConsentOperation.KIND, io.custodia.canonical.CanonicalJson.toString(
                    RevokeConsentOperation.payload(setup.consentId(), setup.subjectRef(), ConsentFixtures.ORG, ActingResolver.subjectActor())));
            assertThatThrownBy(() -> crashing.run(id)).hasMessageContaining("simulated crash");
            assertThat(process.store().outbox().find(id).orElseThrow().completedSteps()).isZero();
            final OutboxRunner next = new OutboxRunner(process.store(), Clock.systemUTC());
            next.register(full);

            int completed = 0;
            final Instant deadline = Instant.now().plusSeconds(10);
            while (completed == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                completed = next.resumePending();
            }

            assertThat(completed).isEqualTo(1);
            assertThat(consent(process.ledger(), setup.consentId()).path("status").asText()).isEqualTo("REVOKED");
            assertThat(erasures(process.ledger(), setup.subjectRef())).hasSize(1);
            assertThat(process.store().items().find(setup.datasetId(), setup.subjectRef())).isEmpty();
        }
    }

    @Test
    void a_grant_interrupted_after_its_document_was_stored_deletes_the_document_on_resume() throws Exception {
        final Setup setup = grantedConsentWithData();
        try (Process process = Process.open(setup.dataDir())) {
            final OutboxRunner dead = new OutboxRunner(process.store(), Clock.systemUTC());
            dead.register(new GrantConsentOperation(process.ledger(), process.store()).operation());
            final String consentId = newId("c");
            final byte[] document = "grant that never reached the ledger".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            final var consent = JSON.createObjectNode().put("consentId", consentId).put("subjectRef", setup.subjectRef());
            final var payload = JSON.createObjectNode().put("consentId", consentId).put("subjectRef", setup.subjectRef())
                    .put("documentHash", io.custodia.canonical.Hashes.sha256Hex(document)).put("institution", ConsentFixtures.ORG);
            payload.set("consent", consent);
            // The request's store transaction committed (document + item), then the process died.
            final long id = process.store().inTransaction(tx -> {
                tx.consents().put(new io.custodia.gateway.store.ConsentDocument(consentId, setup.subjectRef(), document));
                return dead.enqueue(tx, GrantConsentOperation.KIND, payload);
            });
            final OutboxRunner runner = new OutboxRunner(process.store(), Clock.systemUTC());
            runner.register(new GrantConsentOperation(process.ledger(), process.store()).operation());

            runner.takeOverLeasesOfPreviousInstances();
            runner.resumePending();

            assertThat(process.store().outbox().find(id).orElseThrow().done()).isTrue();
            assertThat(process.store().consents().find(consentId)).isEmpty();
            assertThat(process.store().consents().find(setup.consentId())).isPresent();
        }
    }

    @Test
    void a_restarted_gateway_finishes_an_interrupted_revocation_by_itself() throws Exception {
        final Setup setup = grantedConsentWithData();
        final long id;
        try (Process process = Process.open(setup.dataDir())) {
            id = revokeThenCrash(process, setup);
        }

        try (RunningGateway restarted = RunningGateway.start(setup.dataDir())) {
            final Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!restarted.gateway().store().outbox().find(id).orElseThrow().done() && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
            }

            assertThat(restarted.gateway().store().outbox().find(id).orElseThrow().done()).isTrue();
            assertThat(restarted.gateway().store().items().find(setup.datasetId(), setup.subjectRef())).isEmpty();
            assertThat(erasures(restarted.gateway().ledger(), setup.subjectRef())).hasSize(1);
        }
    }
}
