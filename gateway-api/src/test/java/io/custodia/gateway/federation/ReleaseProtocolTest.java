package io.custodia.gateway.federation;

import static io.custodia.gateway.access.AccessScenario.request;
import static io.custodia.gateway.access.AccessScenario.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Hashes;
import io.custodia.gateway.access.AccessScenario;
import io.custodia.gateway.http.LedgerJson;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.embedded.EmbeddedLedgerClient;
import io.custodia.gateway.testing.RunningGateway;
import io.custodia.ledger.identity.CertificateAuthority;
import io.custodia.ledger.identity.Identity;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The owner's checks of {@code POST /federation/v1/releases}, one refusal per test, against a real
 * embedded ledger and SQLite store: requests are built and signed here as another gateway would.
 */
class ReleaseProtocolTest {
    private static final String OWNER = "Org1MSP";
    private static final String RESEARCHER = "Org2MSP";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static RunningGateway gateway;
    private static AccessScenario scenario;
    private static EmbeddedLedgerClient ledger;
    private static InstitutionKeys keys;
    private static ReleaseAuthority authority;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        scenario = new AccessScenario(gateway);
        ledger = (EmbeddedLedgerClient) gateway.gateway().ledger();
        keys = InstitutionKeys.embedded(ledger);
        authority = new ReleaseAuthority(ledger, scenario.store(), keys, FederationConfig.DEFAULT_RELEASE_WINDOW,
                FederationConfig.DEFAULT_CLOCK_SKEW, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** A dataset of Org1 with {@code subjects} subjects, all consenting to Org2; then Org2's committed decision. */
    private static JsonNode permit(final int subjects) throws Exception {
        final String datasetId = unique("ds");
        final List<String> refs = scenario.patients(OWNER, subjects);
        scenario.registerDataset(OWNER, datasetId, refs);
        for (final String ref : refs) {
            scenario.consent(OWNER, ref, RESEARCHER);
        }
        return decide(RESEARCHER, datasetId, request(datasetId));
    }

    private static JsonNode decide(final String requester, final String datasetId, final Map<String, Object> body) throws Exception {
        body.put("requestId", unique("req"));
        return LedgerJson.tree(ledger.submit(LedgerCaller.institution(requester), "access:RequestAccess",
                CanonicalJson.toString(body)).payload());
    }

    private static ReleaseRequest requestFor(final JsonNode decision) {
        final List<String> released = new ArrayList<>();
        decision.path("releasedSubjects").forEach(n -> released.add(n.asText()));
        final JsonNode event = decision.path("event");
        return new ReleaseRequest(event.path("eventId").asText(), event.path("datasetId").asText(), RESEARCHER, OWNER, nonce(),
                Instant.now(), released);
    }

    private static String nonce() {
        final byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Hashes.hex(bytes);
    }

    private static SigningIdentity signer(final String mspId) {
        return keys.signer(mspId);
    }

    private static byte[] signed(final SigningIdentity by, final ReleaseRequest request) {
        return Signed.sign(by, request.toBody()).toBytes();
    }

    private static JsonNode open(final String sealed, final String mspId) throws FederationException {
        final Signed answer = Signed.parse(Sealing.open(sealed, signer(mspId).privateKey()));
        answer.verify(OWNER, keys.trustRoots(OWNER), Instant.now());
        return answer.body();
    }

    private static FederationException refusal(final byte[] body) {
        try {
            authority.release(body);
        } catch (FederationException e) {
            return e;
        }
        throw new AssertionError("the release was not refused");
    }

    @Test
    void a_valid_request_gets_the_released_pointers_signed_by_the_owner_and_readable_only_by_the_requester() throws Exception {
        final JsonNode decision = permit(2);
        final ReleaseRequest request = requestFor(decision);

        final String sealed = authority.release(signed(signer(RESEARCHER), request));

        final JsonNode answer = open(sealed, RESEARCHER);
        assertThat(answer.path("eventId").asText()).isEqualTo(request.eventId());
        assertThat(answer.path("requestNonce").asText()).isEqualTo(request.nonce());
        assertThat(answer.path("storageUri").asText()).isEqualTo(AccessScenario.storageUri(request.datasetId()));
        assertThat(answer.path("subjects")).hasSize(2);
        for (final JsonNode subject : answer.path("subjects")) {
            assertThat(subject.path("pointers").get(0).asText())
                    .isEqualTo(AccessScenario.pointers(request.datasetId(), subject.path("subjectRef").asText()).get(0));
        }
        assertThat(answer.path("erasedSinceDecision").path("count").asInt()).isZero();
        // The receipt is on the ledger and the disclosure is in the owner's index.
        final JsonNode receipt = LedgerJson.tree(ledger.evaluate(LedgerCaller.auditor(OWNER), "access:GetDelivery", request.eventId()));
        assertThat(receipt.path("delivery").path("subjectsDelivered").asInt()).isEqualTo(2);
        assertThat(answer.path("receipt")).isEqualTo(receipt);
        assertThat(scenario.store().disclosures().page(request.releasedSubjects().get(0), null, null, 10, null).rows()).hasSize(1);
        // Another institution's key cannot open the answer; the wire never carries a pointer in clear.
        assertThatThrownBy(() -> Sealing.open(sealed, signer("Org3MSP").privateKey())).isInstanceOf(FederationException.class);
        assertThat(sealed).doesNotContain("s3://");
    }

    @Test
    void a_tampered_request_is_refused_as_unauthenticated() throws Exception {
        final ReleaseRequest request = requestFor(permit(1));
        final String original = new String(signed(signer(RESEARCHER), request), java.nio.charset.StandardCharsets.UTF_8);
        final String tampered = original.replace(request.nonce(), nonce());

        final FederationException refused = refusal(tampered.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.getMessage()).contains("signature does not verify");
    }

    @Test
    void a_signature_by_another_key_under_the_requesters_certificate_is_refused() throws Exception {
        final ReleaseRequest request = requestFor(permit(1));
        final SigningIdentity org3 = signer("Org3MSP");
        final SigningIdentity org2 = signer(RESEARCHER);
        final SigningIdentity forged = new SigningIdentity(RESEARCHER, org2.certificate(), org2.certificatePem(), org3.privateKey());

        final FederationException refused = refusal(signed(forged, request));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.getMessage()).contains("signature does not verify");
    }

    @Test
    void a_certificate_from_another_ca_with_the_same_msp_name_is_refused() throws Exception {
        final ReleaseRequest request = requestFor(permit(1));
        final Identity impostor = CertificateAuthority.create(RESEARCHER).issue("gateway-institution", Map.of("custodia.role", "institution"));
        final SigningIdentity signer = new SigningIdentity(RESEARCHER, impostor.certificate(), impostor.certificatePem(), impostor.privateKey());

        final FederationException refused = refusal(signed(signer, request));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.getMessage()).contains("not issued by a CA of Org2MSP");
    }

    @Test
    void an_identity_of_the_right_ca_without_the_institution_role_is_refused() throws Exception {
        final ReleaseRequest request = requestFor(permit(1));
        final Identity auditor = ledger.identity(LedgerCaller.auditor(RESEARCHER));
        final SigningIdentity signer = new SigningIdentity(RESEARCHER, auditor.certificate(), auditor.certificatePem(), auditor.privateKey());

        final FederationException refused = refusal(signed(signer, request));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.getMessage()).contains("custodia.role=institution");
    }

    @Test
    void a_replayed_request_is_refused_and_releases_nothing_more() throws Exception {
        final ReleaseRequest request = requestFor(permit(1));
        final byte[] body = signed(signer(RESEARCHER), request);
        authority.release(body);

        final FederationException refused = refusal(body);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.getMessage()).contains("already used");
    }

    @Test
    void a_stale_or_future_issued_at_is_refused() throws Exception {
        final ReleaseRequest fresh = requestFor(permit(1));
        final ReleaseRequest stale = new ReleaseRequest(fresh.eventId(), fresh.datasetId(), RESEARCHER, OWNER, nonce(),
                Instant.now().minus(Duration.ofMinutes(5)), fresh.releasedSubjects());
        final ReleaseRequest future = new ReleaseRequest(fresh.eventId(), fresh.datasetId(), RESEARCHER, OWNER, nonce(),
                Instant.now().plus(Duration.ofMinutes(5)), fresh.releasedSubjects());

        final FederationException staleRefused = refusal(signed(signer(RESEARCHER), stale));
        final FederationException futureRefused = refusal(signed(signer(RESEARCHER), future));

        assertThat(staleRefused.status()).isEqualTo(401);
        assertThat(staleRefused.getMessage()).contains("issuedAt");
        assertThat(futureRefused.status()).isEqualTo(401);
    }

    @Test
    void another_institution_cannot_have_the_pointers_of_a_permit_it_did_not_get() throws Exception {
        final ReleaseRequest forOrg2 = requestFor(permit(1));
        final ReleaseRequest byOrg3 = new ReleaseRequest(forOrg2.eventId(), forOrg2.datasetId(), "Org3MSP", OWNER, nonce(),
                Instant.now(), forOrg2.releasedSubjects());
        final ReleaseRequest org3AsOrg2 = new ReleaseRequest(forOrg2.eventId(), forOrg2.datasetId(), RESEARCHER, OWNER, nonce(),
                Instant.now(), forOrg2.releasedSubjects());

        final FederationException asItself = refusal(signed(signer("Org3MSP"), byOrg3));
        final FederationException asOrg2 = refusal(signed(new SigningIdentity(RESEARCHER, signer("Org3MSP").certificate(),
                signer("Org3MSP").certificatePem(), signer("Org3MSP").privateKey()), org3AsOrg2));

        // Someone else's event is answered exactly like one not committed here (yet).
        assertThat(asItself.status()).isEqualTo(503);
        assertThat(asItself.slug()).isEqualTo("event-not-committed");
        assertThat(asItself.getMessage()).isEqualTo("no access event " + forOrg2.eventId()
                + " of this requester is committed on Org1MSP's ledger view (yet)");
        assertThat(asOrg2.status()).isEqualTo(401);
    }

    @Test
    void a_deny_an_unknown_event_another_dataset_another_owner_or_another_released_set_releases_nothing() throws Exception {
        final JsonNode decision = permit(2);
        final ReleaseRequest valid = requestFor(decision);
        final Map<String, Object> forProfit = request(valid.datasetId());
        forProfit.put("forProfit", true);
        final JsonNode deny = decide(RESEARCHER, valid.datasetId(), forProfit);
        final String otherDataset = unique("ds");
        scenario.registerDataset(OWNER, otherDataset, scenario.patients(OWNER, 1));

        final FederationException denied = refusal(signed(signer(RESEARCHER), new ReleaseRequest(
                deny.path("event").path("eventId").asText(), valid.datasetId(), RESEARCHER, OWNER, nonce(), Instant.now(), List.of())));
        final FederationException unknown = refusal(signed(signer(RESEARCHER), new ReleaseRequest(
                unique("never-decided"), valid.datasetId(), RESEARCHER, OWNER, nonce(), Instant.now(), valid.releasedSubjects())));
        final FederationException wrongDataset = refusal(signed(signer(RESEARCHER), new ReleaseRequest(
                valid.eventId(), otherDataset, RESEARCHER, OWNER, nonce(), Instant.now(), valid.releasedSubjects())));
        final FederationException wrongOwner = refusal(signed(signer(RESEARCHER), new ReleaseRequest(
                valid.eventId(), valid.datasetId(), RESEARCHER, RESEARCHER, nonce(), Instant.now(), valid.releasedSubjects())));
        final List<String> more = new ArrayList<>(valid.releasedSubjects());
        more.add(scenario.patient(OWNER, unique("mrn")));
        final FederationException widened = refusal(signed(signer(RESEARCHER), new ReleaseRequest(
                valid.eventId(), valid.datasetId(), RESEARCHER, OWNER, nonce(), Instant.now(), more)));

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.getMessage()).contains("not a PERMIT");
        assertThat(unknown.slug()).isEqualTo("event-not-committed");
        assertThat(unknown.getMessage()).contains("is committed on Org1MSP's ledger view (yet)");
        assertThat(wrongDataset.getMessage()).contains("another dataset");
        assertThat(wrongOwner.getMessage()).contains("not owned by Org2MSP");
        assertThat(widened.getMessage()).contains("not the event's released set");
        assertThat(scenario.store().disclosures().page(valid.releasedSubjects().get(0), null, null, 10, null).rows()).isEmpty();
        assertThatThrownBy(() -> ledger.evaluate(LedgerCaller.auditor(OWNER), "access:GetDelivery", valid.eventId()))
                .hasMessageContaining("no delivery receipt");
    }

    @Test
    void a_permit_older_than_the_release_window_is_refused() throws Exception {
        final ReleaseRequest request = requestFor(permit(1));
        final Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(25));
        final ReleaseAuthority tomorrow = new ReleaseAuthority(ledger, scenario.store(), keys, FederationConfig.DEFAULT_RELEASE_WINDOW,
                FederationConfig.DEFAULT_CLOCK_SKEW, later);
        final ReleaseRequest issuedLater = new ReleaseRequest(request.eventId(), request.datasetId(), RESEARCHER, OWNER, nonce(),
                later.instant(), request.releasedSubjects());

        final FederationException refused = assertThrowsFederation(() -> tomorrow.release(signed(signer(RESEARCHER), issuedLater)));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.getMessage()).contains("release window");
    }

    @Test
    void a_subject_erased_after_the_decision_is_not_released_and_the_answer_says_so() throws Exception {
        final JsonNode decision = permit(2);
        final ReleaseRequest request = requestFor(decision);
        final String erased = request.releasedSubjects().get(0);
        scenario.store().erasure().eraseSubject(erased);

        final JsonNode answer = open(authority.release(signed(signer(RESEARCHER), request)), RESEARCHER);

        assertThat(answer.path("subjects")).hasSize(1);
        assertThat(answer.path("subjects").get(0).path("subjectRef").asText()).isEqualTo(request.releasedSubjects().get(1));
        assertThat(answer.path("erasedSinceDecision").path("count").asInt()).isEqualTo(1);
        assertThat(answer.path("erasedSinceDecision").path("subjectRefs").get(0).asText()).isEqualTo(erased);
        assertThat(answer.path("receipt").path("delivery").path("subjectsDelivered").asInt()).isEqualTo(1);
        assertThat(answer.path("receipt").path("subjectsReleased").asInt()).isEqualTo(2);
        assertThat(scenario.store().disclosures().page(erased, null, null, 10, null).rows()).isEmpty();
    }

    @Test
    void over_http_a_valid_request_is_answered_and_a_refusal_is_a_problem_document() throws Exception {
        final ReleaseRequest request = requestFor(permit(1));
        final HttpReleaseTransport http = new HttpReleaseTransport(Map.of(OWNER, URI.create(gateway.baseUrl())), Duration.ofSeconds(10));
        final byte[] body = signed(signer(RESEARCHER), request);

        final JsonNode answer = open(http.send(OWNER, body), RESEARCHER);
        final FederationException replay = assertThrowsFederation(() -> http.send(OWNER, body));

        assertThat(answer.path("subjects")).hasSize(1);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.slug()).isEqualTo("federation-unauthenticated");
        assertThat(replay.retryable()).isFalse();
    }

    private interface Call {
        void run() throws Exception;
    }

    private static FederationException assertThrowsFederation(final Call call) throws Exception {
        try {
            call.run();
        } catch (FederationException e) {
            return e;
        }
        throw new AssertionError("expected a FederationException");
    }
}
