package io.custodia.gateway.consent;

import static io.custodia.gateway.consent.ConsentFixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.canonical.Hashes;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.outbox.OutboxRunner;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.testing.DeadProcess;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import io.custodia.gateway.testing.TestStores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The consent sagas under crashes and races: a DELETE retried after a kill converges on one revocation
 * and one receipt; the resume pass never overtakes an inline grant; a restarted gateway takes over a
 * dead process's lease at once; retries of committed-but-unanswered grants and revocations answer the
 * outcome again. On SQLite and on PostgreSQL.
 */
class ConsentSagaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A subject with an ACTIVE consent and pointers in a registered dataset, in a stopped gateway's directory. */
    private record Setup(Path dataDir, String consentId, String subjectRef, String datasetId) {}

    private static Setup grantedConsentWithData(final Map<String, String> settings) throws Exception {
        final Path dir = Files.createTempDirectory("custodia-saga-");
        try (RunningGateway gateway = RunningGateway.start(dir, settings)) {
            final HttpClientSupport http = new HttpClientSupport(gateway.baseUrl());
            final String patient = gateway.token(UserRole.PATIENT, ConsentFixtures.ORG, newId("mrn-saga"));
            final String consentId = newId("c");
            final Reply granted = http.post("/api/v1/consents", patient,
                    HttpClientSupport.json(ConsentFixtures.grantWithDocument(consentId, "consent before the crash")));
            assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
            final String subjectRef = granted.json().path("consent").path("subjectRef").asText();
            final String datasetId = newId("ds");
            TestDatasets.register(gateway.gateway().ledger(), gateway.gateway().store(), datasetId, subjectRef,
                    List.of("s3://bucket/" + datasetId + "/ct-1.dcm"));
            return new Setup(dir, consentId, subjectRef, datasetId);
        }
    }

    private static ObjectNode revocation(final Setup setup) {
        return RevokeConsentOperation.payload(setup.consentId(), setup.subjectRef(), ConsentFixtures.ORG, ActingResolver.subjectActor());
    }

    private static JsonNode receipts(final LedgerClient ledger, final String subjectRef) throws Exception {
        return JSON.readTree(ledger.evaluate(ConsentFixtures.INSTITUTION_CALLER, "erasures:ListErasuresBySubject", subjectRef, "10", "")).path("items");
    }

    private static OutboxRunner runner(final DeadProcess process) {
        final OutboxRunner runner = new OutboxRunner(process.store(), Clock.systemUTC());
        runner.register(new RevokeConsentOperation(process.ledger(), process.store(), Clock.systemUTC()).operation());
        runner.register(new GrantConsentOperation(process.ledger(), process.store()).operation());
        return runner;
    }

    @ParameterizedTest
    @MethodSource("io.custodia.gateway.testing.TestStores#kinds")
    void a_revocation_retried_after_a_kill_before_revoke_consent_committed_revokes_once_with_one_receipt(final String storeKind) throws Exception {
        final Map<String, String> settings = TestStores.settings(storeKind);
        final Setup setup = grantedConsentWithData(settings);
        try (DeadProcess first = DeadProcess.open(setup.dataDir(), settings)) {
            final OutboxRunner dying = new OutboxRunner(first.store(), Clock.systemUTC());
            final RevokeConsentOperation revoke = new RevokeConsentOperation(first.ledger(), first.store(), Clock.systemUTC());
            dying.register(DeadProcess.killedAt(revoke.operation(), 1, false));
            final ConsentService service = new ConsentService(first.ledger(), first.store(), dying, revoke);

            assertThatThrownBy(() -> service.revoke(revocation(setup))).isInstanceOf(DeadProcess.Halt.class);
        }

        try (DeadProcess next = DeadProcess.open(setup.dataDir(), settings)) {
            final OutboxRunner runner = runner(next);
            final ConsentService service = new ConsentService(next.ledger(), next.store(), runner,
                    new RevokeConsentOperation(next.ledger(), next.store(), Clock.systemUTC()));
            runner.takeOverLeasesOfPreviousInstances();

            // The client's retry of the DELETE, then whatever the resume pass still finds.
            final ObjectNode retried = service.revoke(revocation(setup));
            final int resumedAfter = runner.resumePending();

            assertThat(retried.path("consent").path("status").asText()).isEqualTo("REVOKED");
            assertThat(retried.path("erasure").path("receiptId").asText())
                    .isEqualTo(RevokeConsentOperation.receiptId(setup.consentId(), setup.subjectRef()));
            assertThat(resumedAfter).as("no second revocation is pending").isZero();
            assertThat(receipts(next.ledger(), setup.subjectRef())).hasSize(1);
            assertThat(next.store().items().find(setup.datasetId(), setup.subjectRef())).isEmpty();
            assertThat(next.store().outbox().findByKey(RevokeConsentOperation.key(setup.consentId())).orElseThrow().done()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("io.custodia.gateway.testing.TestStores#kinds")
    void a_restarted_gateway_takes_over_a_killed_revocation_at_once_and_finishes_it_before_serving(final String storeKind) throws Exception {
        final Map<String, String> settings = TestStores.settings(storeKind);
        final Setup setup = grantedConsentWithData(settings);
        try (DeadProcess first = DeadProcess.open(setup.dataDir(), settings)) {
            final OutboxRunner dying = new OutboxRunner(first.store(), Clock.systemUTC());
            final RevokeConsentOperation revoke = new RevokeConsentOperation(first.ledger(), first.store(), Clock.systemUTC());
            // Killed after the revocation committed, before the erasure: pointers of a REVOKED consent.
            dying.register(DeadProcess.killedAt(revoke.operation(), 2, false));

            assertThatThrownBy(() -> new ConsentService(first.ledger(), first.store(), dying, revoke).revoke(revocation(setup)))
                    .isInstanceOf(DeadProcess.Halt.class);
            assertThat(first.store().outbox().findByKey(RevokeConsentOperation.key(setup.consentId())).orElseThrow()
                    .leaseExpiresAt()).as("the dead process's lease").isAfter(Instant.now());
        }

        try (RunningGateway restarted = RunningGateway.start(setup.dataDir(), settings)) {
            // No waiting: the start-up took the lease over and finished the item before serving.
            assertThat(restarted.gateway().store().outbox().findByKey(RevokeConsentOperation.key(setup.consentId()))
                    .orElseThrow().done()).isTrue();
            assertThat(restarted.gateway().store().items().find(setup.datasetId(), setup.subjectRef())).isEmpty();
            assertThat(receipts(restarted.gateway().ledger(), setup.subjectRef())).hasSize(1);
        }
    }

    /** The store, except that right after the first transaction commits, {@code afterCommit} runs. */
    private static OffChainStore interleaving(final OffChainStore real, final Runnable afterCommit) {
        final AtomicInteger transactions = new AtomicInteger();
        return (OffChainStore) Proxy.newProxyInstance(ConsentSagaTest.class.getClassLoader(), new Class<?>[] {OffChainStore.class},
                (proxy, method, args) -> {
                    final Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("inTransaction") && transactions.incrementAndGet() == 1) {
                        afterCommit.run();
                    }
                    return result;
                });
    }

    @ParameterizedTest
    @MethodSource("io.custodia.gateway.testing.TestStores#kinds")
    void the_resume_pass_running_between_the_enqueue_and_the_inline_run_never_overtakes_the_grant(final String storeKind) throws Exception {
        final Map<String, String> settings = TestStores.settings(storeKind);
        final Setup setup = grantedConsentWithData(settings);
        try (DeadProcess process = DeadProcess.open(setup.dataDir(), settings)) {
            final OutboxRunner runner = runner(process);
            final AtomicInteger claimedByResume = new AtomicInteger(-1);
            // The gateway's background pass wakes exactly between the store commit and the inline run.
            final OffChainStore store = interleaving(process.store(), () -> claimedByResume.set(runner.resumePending()));
            final ConsentService service = new ConsentService(process.ledger(), store, runner,
                    new RevokeConsentOperation(process.ledger(), store, Clock.systemUTC()));
            final String consentId = newId("c");
            final byte[] document = "second consent form".getBytes(StandardCharsets.UTF_8);
            final ObjectNode consent = JSON.createObjectNode()
                    .put("consentId", consentId).put("subjectRef", setup.subjectRef())
                    .put("documentHash", Hashes.sha256Hex(document)).put("validFrom", "2025-01-01T00:00:00Z");
            consent.set("grantor", ActingResolver.subjectActor());
            consent.set("scope", JSON.createObjectNode().put("kind", "INSTITUTION").put("institution", ConsentFixtures.ORG));
            consent.putArray("purposes").addObject().put("code", "HMB");
            consent.putArray("grantees").add("Org2MSP");

            final JsonNode granted = service.grant(ConsentFixtures.INSTITUTION_CALLER, consent, Optional.of(document), false);

            assertThat(claimedByResume.get()).as("the resume pass found the item leased").isZero();
            assertThat(granted).isNotNull();
            assertThat(granted.path("consent").path("consentId").asText()).isEqualTo(consentId);
            assertThat(process.store().consents().find(consentId)).as("the document stays with its grant").isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource("io.custodia.gateway.testing.TestStores#kinds")
    void a_grant_retried_after_its_commit_whose_answer_was_lost_answers_the_committed_consent_again(final String storeKind) throws Exception {
        final Map<String, String> settings = TestStores.settings(storeKind);
        try (RunningGateway gateway = RunningGateway.start(Files.createTempDirectory("custodia-grant-replay-"), settings)) {
            final HttpClientSupport http = new HttpClientSupport(gateway.baseUrl());
            final String patient = gateway.token(UserRole.PATIENT, ConsentFixtures.ORG, newId("mrn"));
            for (final Map<String, Object> body : List.of(
                    ConsentFixtures.grant(newId("c")), ConsentFixtures.grantWithDocument(newId("c"), "form"))) {
                final String key = "grant-" + body.get("consentId");
                final Reply first = http.post("/api/v1/consents", patient, HttpClientSupport.json(body), Map.of("Idempotency-Key", key));
                assertThat(first.status()).as(first.toString()).isEqualTo(201);
                // The process died after the grant committed, before its idempotency record was written.
                gateway.gateway().store().idempotency().deleteCreatedBefore(Instant.now().plusSeconds(3600));

                final Reply retry = http.post("/api/v1/consents", patient, HttpClientSupport.json(body), Map.of("Idempotency-Key", key));

                assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
                assertThat(retry.json()).isEqualTo(first.json());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.custodia.gateway.testing.TestStores#kinds")
    void a_revocation_retried_with_its_idempotency_key_answers_the_outcome_again(final String storeKind) throws Exception {
        final Map<String, String> settings = TestStores.settings(storeKind);
        try (RunningGateway gateway = RunningGateway.start(Files.createTempDirectory("custodia-revoke-replay-"), settings)) {
            final HttpClientSupport http = new HttpClientSupport(gateway.baseUrl());
            final String patient = gateway.token(UserRole.PATIENT, ConsentFixtures.ORG, newId("mrn"));
            final String kept = newId("c");
            final String revoked = newId("c");
            for (final String id : List.of(kept, revoked)) {
                assertThat(http.post("/api/v1/consents", patient, HttpClientSupport.json(ConsentFixtures.grant(id))).status()).isEqualTo(201);
            }
            final Map<String, String> key = Map.of("Idempotency-Key", "revoke-" + revoked);
            final Reply first = http.delete("/api/v1/consents/" + revoked, patient, key);
            assertThat(first.status()).as(first.toString()).isEqualTo(200);

            final Reply retry = http.delete("/api/v1/consents/" + revoked, patient, key);
            final Reply withoutKey = http.delete("/api/v1/consents/" + revoked, patient);

            assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
            assertThat(retry.json()).isEqualTo(first.json());
            assertThat(retry.json().path("erasureSkipped").path("activeConsents").asInt()).isEqualTo(1);
            assertThat(withoutKey.status()).as("without a key a second DELETE is still a conflict").isEqualTo(409);
        }
    }
}
