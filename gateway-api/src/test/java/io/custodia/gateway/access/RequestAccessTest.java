package io.custodia.gateway.access;

import static io.custodia.gateway.access.AccessScenario.request;
import static io.custodia.gateway.access.AccessScenario.unique;
import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodia.canonical.MerkleTree;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.federation.Federation;
import io.custodia.gateway.federation.FederationConfig;
import io.custodia.gateway.federation.InstitutionKeys;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.embedded.EmbeddedLedgerClient;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.store.SubjectItemPointers;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/access-requests} over real HTTP against a real embedded ledger and SQLite store. */
class RequestAccessTest {
    private static final String OWNER = "Org1MSP";
    private static final String RESEARCHER = "Org2MSP";
    private static final String PATH = "/api/v1/access-requests";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningGateway gateway;
    private static HttpClientSupport http;
    private static AccessScenario scenario;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        http = new HttpClientSupport(gateway.baseUrl());
        scenario = new AccessScenario(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String researcher() {
        return gateway.token(UserRole.INSTITUTION, RESEARCHER, "researcher-1");
    }

    /** A dataset of {@code total} subjects of which the first {@code consenting} consent to RESEARCHER. */
    private static Dataset dataset(final int total, final int consenting) throws Exception {
        final String datasetId = unique("ds");
        final List<String> subjects = scenario.patients(OWNER, total);
        scenario.registerDataset(OWNER, datasetId, subjects);
        for (int i = 0; i < consenting; i++) {
            scenario.consent(OWNER, subjects.get(i), RESEARCHER);
        }
        return new Dataset(datasetId, subjects);
    }

    private record Dataset(String id, List<String> subjects) {}

    private static List<String> subjectRefs(final JsonNode response) {
        final List<String> refs = new ArrayList<>();
        response.path("subjects").forEach(s -> refs.add(s.path("subjectRef").asText()));
        return refs;
    }

    @Test
    void permit_returns_pointers_of_consenting_subjects_only() throws Exception {
        final Dataset ds = dataset(3, 2);

        final Reply reply = http.post(PATH, researcher(), json(request(ds.id())));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        final JsonNode body = reply.json();
        assertThat(body.path("event").path("decision").asText()).isEqualTo("PERMIT");
        assertThat(body.path("event").path("subjectsReleased").asLong()).isEqualTo(2);
        assertThat(body.path("event").path("requester").asText()).isEqualTo(RESEARCHER);
        assertThat(body.path("storageUri").asText()).isEqualTo(AccessScenario.storageUri(ds.id()));
        assertThat(subjectRefs(body)).containsExactlyInAnyOrderElementsOf(ds.subjects().subList(0, 2));
        for (final JsonNode subject : body.path("subjects")) {
            final List<String> pointers = new ArrayList<>();
            subject.path("pointers").forEach(p -> pointers.add(p.asText()));
            assertThat(pointers).isEqualTo(AccessScenario.pointers(ds.id(), subject.path("subjectRef").asText()));
        }
        assertThat(body.path("subjectsWithoutPointers").asInt()).isZero();
        assertThat(reply.body()).doesNotContain(ds.subjects().get(2));
        // Every released subject was handed out: the stored set is the one the event commits to.
        assertThat(scenario.releasedSetKeysOf(ds.subjects().get(0)))
                .containsExactly(body.path("event").path("releasedSubjectsRoot").asText());
    }

    @Test
    void permit_records_one_disclosure_per_released_subject() throws Exception {
        final Dataset ds = dataset(3, 2);

        final JsonNode event = http.post(PATH, researcher(), json(request(ds.id()))).json().path("event");

        for (final String consenting : ds.subjects().subList(0, 2)) {
            assertThat(scenario.store().disclosures().page(consenting, null, null, 10, null).rows()).singleElement().satisfies(d -> {
                assertThat(d.eventId()).isEqualTo(event.path("eventId").asText());
                assertThat(d.datasetId()).isEqualTo(ds.id());
                assertThat(d.requesterInstitution()).isEqualTo(RESEARCHER);
                assertThat(d.purpose()).isEqualTo("{\"code\":\"HMB\"}");
                // The index keeps milliseconds, as both store dialects do.
                assertThat(d.decidedAt().toEpochMilli())
                        .isEqualTo(java.time.Instant.parse(event.path("decidedAt").asText()).toEpochMilli());
            });
        }
        assertThat(scenario.store().disclosures().page(ds.subjects().get(2), null, null, 10, null).rows()).isEmpty();
    }

    @Test
    void deny_is_recorded_with_no_pointers() throws Exception {
        final Dataset ds = dataset(2, 0);
        final long before = scenario.transactionCount();

        final Reply reply = http.post(PATH, researcher(), json(request(ds.id())));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        final JsonNode event = reply.json().path("event");
        assertThat(event.path("decision").asText()).isEqualTo("DENY");
        assertThat(event.path("reasons").toString()).contains("NO_CONSENTING_SUBJECTS");
        assertThat(reply.json().path("subjects")).isEmpty();
        assertThat(reply.json().has("storageUri")).isFalse();
        assertThat(scenario.transactionCount()).isEqualTo(before + 1);
        final byte[] onLedger = scenario.ledger().evaluate(LedgerCaller.auditor("AuditMSP"), "access:GetAccessEvent",
                event.path("eventId").asText());
        assertThat(new String(onLedger, java.nio.charset.StandardCharsets.UTF_8)).contains("\"decision\":\"DENY\"");
        for (final String subject : ds.subjects()) {
            assertThat(scenario.store().disclosures().page(subject, null, null, 10, null).rows()).isEmpty();
        }
    }

    @Test
    void a_dataset_level_deny_names_its_reasons() throws Exception {
        final Dataset ds = dataset(2, 2);
        final Map<String, Object> body = request(ds.id());
        body.put("forProfit", true);

        final Reply reply = http.post(PATH, researcher(), json(body));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("event").path("decision").asText()).isEqualTo("DENY");
        assertThat(reply.json().path("event").path("subjectsReleased").asLong()).isZero();
        assertThat(reply.json().path("subjects")).isEmpty();
    }

    @Test
    void excludes_a_subject_whose_pointers_were_erased_even_though_the_ledger_released_it() throws Exception {
        final Dataset ds = dataset(3, 3);
        final String erased = ds.subjects().get(1);
        scenario.store().erasure().eraseSubject(erased);

        final Reply reply = http.post(PATH, researcher(), json(request(ds.id())));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("event").path("subjectsReleased").asLong()).isEqualTo(3);
        assertThat(subjectRefs(reply.json())).containsExactlyInAnyOrder(ds.subjects().get(0), ds.subjects().get(2));
        assertThat(reply.json().path("subjectsWithoutPointers").asInt()).isEqualTo(1);
        // Named (a pseudonym already on the ledger) as erased since the decision, and nothing of it handed out.
        assertThat(reply.json().path("delivery").path("erasedSinceDecision").path("subjectRefs").get(0).asText()).isEqualTo(erased);
        assertThat(reply.json().path("subjects").toString()).doesNotContain(erased);
        assertThat(reply.json().path("delivery").path("receipt").path("delivery").path("subjectsDelivered").asInt()).isEqualTo(2);
        assertThat(scenario.store().disclosures().page(erased, null, null, 10, null).rows()).isEmpty();
        // The set handed out is smaller than the one the ledger released: keyed by its own root.
        final String handedOut = MerkleTree.rootOfStringSet(List.of(ds.subjects().get(0), ds.subjects().get(2)));
        assertThat(handedOut).isNotEqualTo(reply.json().path("event").path("releasedSubjectsRoot").asText());
        assertThat(scenario.releasedSetKeysOf(ds.subjects().get(0))).containsExactly(handedOut);
        assertThat(scenario.releasedSetKeysOf(erased)).isEmpty();
    }

    @Test
    void a_subject_erased_while_the_pointers_are_being_read_is_neither_handed_out_nor_recorded() throws Exception {
        final Dataset ds = dataset(3, 3);
        final String erased = ds.subjects().get(1);
        final OffChainStore store = scenario.store();
        // The erasure commits right after the pointers were read, before the disclosures are written.
        final OffChainStore erasing = erasingAfterRead(store, erased);
        final EmbeddedLedgerClient ledger = (EmbeddedLedgerClient) gateway.gateway().ledger();
        final Federation federation = Federation.create(ledger, erasing, InstitutionKeys.embedded(ledger),
                FederationConfig.defaults(), Clock.systemUTC());
        final AccessService service = new AccessService(ledger, erasing, federation.client(), Clock.systemUTC());
        final AccessRequestBody body = JSON.convertValue(request(ds.id()), AccessRequestBody.class);

        final AccessService.AccessResult result = service.request(
                new Principal(UserRole.INSTITUTION, RESEARCHER, "researcher-1"), body, unique("req"));

        assertThat(result.grant().event().path("subjectsReleased").asLong()).isEqualTo(3);
        assertThat(result.grant().subjects()).extracting(ReleasedSubject::subjectRef)
                .containsExactlyInAnyOrder(ds.subjects().get(0), ds.subjects().get(2));
        assertThat(result.grant().subjectsWithoutPointers()).isEqualTo(1);
        assertThat(store.disclosures().page(erased, null, null, 10, null).rows()).isEmpty();
        assertThat(store.disclosures().page(ds.subjects().get(0), null, null, 10, null).rows()).hasSize(1);
    }

    /** {@code store}, except that its (non-transactional) item reads erase {@code subjectRef} once they have read. */
    private static OffChainStore erasingAfterRead(final OffChainStore store, final String subjectRef) {
        final SubjectItemPointers items = (SubjectItemPointers) Proxy.newProxyInstance(
                SubjectItemPointers.class.getClassLoader(), new Class<?>[] {SubjectItemPointers.class}, (proxy, method, args) -> {
                    final Object result = invoke(method, store.items(), args);
                    if (method.getName().equals("pointersOf")) {
                        store.erasure().eraseSubject(subjectRef);
                    }
                    return result;
                });
        return (OffChainStore) Proxy.newProxyInstance(OffChainStore.class.getClassLoader(), new Class<?>[] {OffChainStore.class},
                (proxy, method, args) -> method.getName().equals("items") ? items : invoke(method, store, args));
    }

    private static Object invoke(final Method method, final Object target, final Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void an_idempotent_retry_returns_the_same_event_and_the_ledger_holds_one() throws Exception {
        final Dataset ds = dataset(2, 2);
        final String requester = unique("Idem").replace("-", "");
        final String token = gateway.token(UserRole.INSTITUTION, requester, "researcher-2");
        final String datasetId = unique("ds");
        final List<String> subjects = scenario.patients(OWNER, 1);
        scenario.registerDataset(OWNER, datasetId, subjects);
        scenario.consent(OWNER, subjects.get(0), requester);
        final Map<String, String> key = Map.of("Idempotency-Key", unique("key"));

        final Reply first = http.post(PATH, token, json(request(datasetId)), key);
        final Reply retry = http.post(PATH, token, json(request(datasetId)), key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(first.json().path("event").path("eventId").asText()).startsWith("req-");
        final Reply trail = http.get("/api/v1/audit/access-events?institution=" + requester, token);
        assertThat(trail.json().path("items")).hasSize(1);
        assertThat(ds.subjects()).hasSize(2);
    }

    @Test
    void a_replay_after_an_erasure_no_longer_returns_the_erased_pointers() throws Exception {
        final Dataset ds = dataset(2, 2);
        final Map<String, String> key = Map.of("Idempotency-Key", unique("key"));
        final Reply first = http.post(PATH, researcher(), json(request(ds.id())), key);
        scenario.store().erasure().eraseSubject(ds.subjects().get(0));

        final Reply retry = http.post(PATH, researcher(), json(request(ds.id())), key);

        assertThat(subjectRefs(first.json())).hasSize(2);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().path("event")).isEqualTo(first.json().path("event"));
        assertThat(subjectRefs(retry.json())).containsExactly(ds.subjects().get(1));
        assertThat(retry.json().path("subjectsWithoutPointers").asInt()).isEqualTo(1);
    }

    @Test
    void the_same_idempotency_key_with_another_body_is_refused_and_writes_nothing() throws Exception {
        final Dataset ds = dataset(1, 1);
        final Map<String, String> key = Map.of("Idempotency-Key", unique("key"));
        http.post(PATH, researcher(), json(request(ds.id())), key);
        final long before = scenario.transactionCount();
        final Map<String, Object> other = request(ds.id());
        other.put("geneticStudy", true);

        final Reply reply = http.post(PATH, researcher(), json(other), key);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(scenario.transactionCount()).isEqualTo(before);
    }

    @Test
    void a_caller_chosen_request_id_is_used_and_cannot_be_decided_twice() throws Exception {
        final Dataset ds = dataset(1, 1);
        final Map<String, Object> body = request(ds.id());
        final String requestId = unique("my-request");
        body.put("requestId", requestId);

        final Reply first = http.post(PATH, researcher(), json(body));
        final Reply again = http.post(PATH, researcher(), json(body));

        assertThat(first.json().path("event").path("eventId").asText()).isEqualTo(requestId);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("type").asText()).isEqualTo("/problems/already-exists");
    }

    @Test
    void rejects_bad_input_naming_each_field_and_writes_nothing() throws Exception {
        final Dataset ds = dataset(1, 1);
        final long before = scenario.transactionCount();
        final Map<String, Object> body = request("not a valid id");
        body.remove("commercial");
        body.put("ethicsApprovalHash", "xyz");
        body.put("purpose", Map.of("disease", "MONDO:0005148"));

        final Reply reply = http.post(PATH, researcher(), json(body));

        assertThat(reply.status()).isEqualTo(400);
        final List<String> fields = new ArrayList<>();
        reply.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("datasetId", "commercial", "ethicsApprovalHash", "purpose.code");
        assertThat(scenario.transactionCount()).isEqualTo(before);
        assertThat(scenario.store().disclosures().page(ds.subjects().get(0), null, null, 10, null).rows()).isEmpty();
    }

    @Test
    void rejects_unknown_members_wrong_types_and_purposes_the_chaincode_refuses() throws Exception {
        final Dataset ds = dataset(1, 1);
        final long before = scenario.transactionCount();
        final Map<String, Object> unknown = request(ds.id());
        unknown.put("subjects", List.of("everyone"));
        final Map<String, Object> wrongType = request(ds.id());
        wrongType.put("commercial", "no");
        final Map<String, Object> nres = request(ds.id());
        nres.put("purpose", Map.of("code", "NRES"));

        final Reply unknownReply = http.post(PATH, researcher(), json(unknown));
        final Reply wrongTypeReply = http.post(PATH, researcher(), json(wrongType));
        final Reply nresReply = http.post(PATH, researcher(), json(nres));
        final Reply notJson = http.post(PATH, researcher(), "{\"datasetId\":");

        assertThat(unknownReply.status()).isEqualTo(400);
        assertThat(unknownReply.json().path("errors").get(0).path("field").asText()).isEqualTo("subjects");
        assertThat(wrongTypeReply.status()).isEqualTo(400);
        assertThat(wrongTypeReply.json().path("errors").get(0).path("field").asText()).isEqualTo("commercial");
        assertThat(nresReply.status()).as(nresReply.toString()).isEqualTo(400);
        assertThat(nresReply.json().path("errors").get(0).path("field").asText()).startsWith("purpose");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(scenario.transactionCount()).isEqualTo(before);
    }

    @Test
    void a_missing_dataset_is_404_and_writes_nothing() throws Exception {
        final long before = scenario.transactionCount();

        final Reply reply = http.post(PATH, researcher(), json(request(unique("missing"))));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(scenario.transactionCount()).isEqualTo(before);
    }

    @Test
    void only_institutions_may_request_access() throws Exception {
        final Dataset ds = dataset(1, 1);
        final String body = json(request(ds.id()));
        final long before = scenario.transactionCount();

        final int auditor = http.post(PATH, gateway.token(UserRole.AUDITOR, "AuditMSP", "dpo"), body).status();
        final int patient = http.post(PATH, gateway.token(UserRole.PATIENT, OWNER, "mrn-1"), body).status();
        final int proxy = http.post(PATH, gateway.token(UserRole.PROXY, OWNER, "guardian-1"), body).status();
        final int anonymous = http.post(PATH, null, body).status();
        final int owner = http.post(PATH, gateway.token(UserRole.INSTITUTION, OWNER, "owner-1"), body).status();

        assertThat(List.of(auditor, patient, proxy, anonymous)).containsExactly(403, 403, 403, 401);
        assertThat(scenario.transactionCount()).isEqualTo(before + 1);
        // The owner may ask too; with no consent granted to it, nothing is released.
        assertThat(owner).isEqualTo(201);
    }
}
