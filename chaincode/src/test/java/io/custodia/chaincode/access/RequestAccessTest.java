package io.custodia.chaincode.access;

import static io.custodia.chaincode.testing.ConsentSamples.accessRequest;
import static io.custodia.chaincode.testing.ConsentSamples.consent;
import static io.custodia.chaincode.testing.ConsentSamples.expectOk;
import static io.custodia.chaincode.testing.ConsentSamples.json;
import static io.custodia.chaincode.testing.ConsentSamples.revocationBySubject;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.canonical.CanonicalJson;
import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.StateKey;
import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.ConsentSamples;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import io.custodia.ledger.identity.Identity;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestAccessTest {
    private final ChaincodeFixture ledger = new ChaincodeFixture();

    @Test
    void permits_and_releases_exactly_the_consenting_subjects_with_an_independently_computable_root() {
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-1", 5);
        for (int subject : List.of(1, 2, 4)) {
            grant(consent("c-" + subject, subject));
        }

        TxResult result = request(ChaincodeFixture.org2(), accessRequest("r-1", "ds-1"));

        AccessDecision decision = result.payloadAs(AccessDecision.class);
        List<String> expected = refs(1, 2, 4).stream().sorted().collect(Collectors.toList());
        assertThat(decision.event().decision()).isEqualTo(Decision.PERMIT);
        assertThat(decision.event().reasons()).isEmpty();
        assertThat(decision.releasedSubjects()).isEqualTo(expected);
        assertThat(decision.event().subjectsConsidered()).isEqualTo(5);
        assertThat(decision.event().subjectsReleased()).isEqualTo(3);
        assertThat(decision.event().releasedSubjectsRoot()).isEqualTo(rfc6962Root(expected));
        assertThat(decision.event().requester()).isEqualTo("Org2MSP");
        assertThat(decision.event().datasetOwner()).isEqualTo("Org1MSP");
        assertThat(result.eventName()).isEqualTo("AccessDecided");
        // The answer embeds the event as stored; it is exactly the canonical encoding of the decision.
        assertThat(result.payload()).isEqualTo(CanonicalJson.toString(decision))
                .contains(new String(result.writes().values().iterator().next(), StandardCharsets.UTF_8));
        // The released set is committed to by count and root only: no key the decision writes names a subject.
        assertThat(result.writes().keySet()).hasSize(3).noneMatch(k -> expected.stream().anyMatch(k::contains));
    }

    @Test
    void decides_the_same_for_a_dataset_registered_before_its_subject_list_was_kept() {
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-1", 5);
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-2", 5);
        for (int subject : List.of(1, 2, 4)) {
            grant(consent("c-" + subject, subject));
        }
        // An earlier chaincode wrote the per-subject index keys only: decisions scan them.
        final String list = StateKey.of(KeyType.DATASET_SUBJECT_LIST, "ds-2").encoded();
        assertThat(ledger.rawState(list)).isNotNull();
        ledger.removeKey(list);
        assertThat(ledger.rawState(list)).isNull();

        AccessDecision withList = request(ChaincodeFixture.org2(), accessRequest("r-1", "ds-1")).payloadAs(AccessDecision.class);
        AccessDecision scanned = request(ChaincodeFixture.org2(), accessRequest("r-2", "ds-2")).payloadAs(AccessDecision.class);

        assertThat(scanned.releasedSubjects()).isEqualTo(withList.releasedSubjects()).hasSize(3);
        assertThat(scanned.event().subjectsConsidered()).isEqualTo(withList.event().subjectsConsidered()).isEqualTo(5);
        assertThat(scanned.event().releasedSubjectsRoot()).isEqualTo(withList.event().releasedSubjectsRoot());
    }

    @Test
    void the_first_access_after_a_revocation_commits_excludes_that_subject() {
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-1", 2);
        grant(consent("c-1", 1));
        grant(consent("c-2", 2));
        assertThat(request(ChaincodeFixture.org2(), accessRequest("r-1", "ds-1")).payloadAs(AccessDecision.class).releasedSubjects())
                .containsExactlyInAnyOrderElementsOf(refs(1, 2));

        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:RevokeConsent", "c-1", revocationBySubject()));
        AccessDecision after = request(ChaincodeFixture.org2(), accessRequest("r-2", "ds-1")).payloadAs(AccessDecision.class);

        assertThat(after.releasedSubjects()).containsExactly(Samples.subjectRef(2));
        assertThat(after.event().releasedSubjectsRoot()).isEqualTo(rfc6962Root(List.of(Samples.subjectRef(2))));
    }

    @Test
    void counts_no_consent_outside_its_validity_or_for_another_grantee_purpose_or_dataset() {
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-1", 7);
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-2", 0);
        Map<String, Object> notYetValid = consent("c-1", 1);
        notYetValid.put("validFrom", "2027-01-01T00:00:00Z");
        Map<String, Object> expiring = consent("c-2", 2);
        expiring.put("validUntil", "2026-01-01T00:01:00Z");
        Map<String, Object> otherGrantee = consent("c-3", 3);
        otherGrantee.put("grantees", List.of("Org1MSP", "Org3MSP"));
        Map<String, Object> otherPurpose = consent("c-4", 4);
        otherPurpose.put("purposes", List.of(Map.of("code", "POA"), Map.of("code", "DS", "disease", "MONDO:0005148")));
        Map<String, Object> otherDataset = consent("c-5", 5);
        otherDataset.put("scope", Map.of("kind", "DATASETS", "datasetIds", List.of("ds-2")));
        Map<String, Object> otherInstitution = consent("c-6", 6);
        otherInstitution.put("scope", Map.of("kind", "INSTITUTION", "institution", "Org2MSP"));
        Map<String, Object> covering = consent("c-7", 7);
        covering.put("purposes", List.of(Map.of("code", "GRU")));
        covering.put("scope", Map.of("kind", "DATASETS", "datasetIds", List.of("ds-1", "ds-2")));
        for (Map<String, Object> c : List.of(notYetValid, expiring, otherGrantee, otherPurpose, otherDataset, otherInstitution, covering)) {
            grant(c);
        }
        ledger.setTime(Instant.parse("2026-01-01T00:01:00Z"));

        AccessDecision decision = request(ChaincodeFixture.org2(), accessRequest("r-1", "ds-1")).payloadAs(AccessDecision.class);

        assertThat(decision.releasedSubjects()).containsExactly(Samples.subjectRef(7));
        assertThat(decision.event().subjectsConsidered()).isEqualTo(7);
    }

    @Test
    void the_expiring_consent_counted_while_it_was_valid() {
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-1", 1);
        Map<String, Object> expiring = consent("c-1", 1);
        expiring.put("validUntil", "2026-01-01T00:01:00Z");
        grant(expiring);
        ledger.setTime(Instant.parse("2026-01-01T00:00:59Z"));

        AccessDecision decision = request(ChaincodeFixture.org2(), accessRequest("r-1", "ds-1")).payloadAs(AccessDecision.class);

        assertThat(decision.releasedSubjects()).containsExactly(Samples.subjectRef(1));
    }

    @Test
    void records_a_denial_when_no_subject_consents_and_the_denial_is_readable() {
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-1", 2);

        TxResult result = request(ChaincodeFixture.org2(), accessRequest("r-1", "ds-1"));

        AccessEvent event = result.payloadAs(AccessDecision.class).event();
        assertThat(event.decision()).isEqualTo(Decision.DENY);
        assertThat(event.reasons()).containsExactly("NO_CONSENTING_SUBJECTS");
        assertThat(event.subjectsConsidered()).isEqualTo(2);
        assertThat(event.subjectsReleased()).isZero();
        assertThat(event.releasedSubjectsRoot()).isEqualTo(rfc6962Root(List.of()));
        assertThat(event.obligations()).isEmpty();
        assertThat(result.eventPayload()).contains("\"decision\":\"DENY\"");
        String stored = ledger.evaluate(ChaincodeFixture.org2(), "access:GetAccessEvent", "r-1").payload();
        assertThat(ConsentSamples.tree(stored).get("decision").asText()).isEqualTo("DENY");
        assertThat(ledger.evaluate(ChaincodeFixture.org1(), "access:GetAccessTrailByDataset", "ds-1", "", "", "10", "").payload())
                .contains("\"eventId\":\"r-1\"");
    }

    @Test
    void denies_with_every_dataset_level_reason_sorted_without_reading_subjects() {
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-1", 2);
        grant(consent("c-1", 1));
        Map<String, Object> input = accessRequest("r-1", "ds-1");
        input.put("purpose", Map.of("code", "GRU"));
        input.put("forProfit", true);

        AccessEvent event = request(ChaincodeFixture.org2(), input).payloadAs(AccessDecision.class).event();

        assertThat(event.decision()).isEqualTo(Decision.DENY);
        assertThat(event.reasons()).containsExactly("FOR_PROFIT_USE_NOT_PERMITTED", "PURPOSE_NOT_PERMITTED");
        assertThat(event.subjectsConsidered()).isZero();
    }

    @Test
    void flags_off_label_use_and_records_obligations_on_a_permit() {
        ConsentSamples.registerDescribed(ledger, ChaincodeFixture.org1(), ConsentSamples.datasetJson("ds-1",
                "{\"permission\":{\"code\":\"GRU\"},\"modifiers\":[{\"code\":\"RTN\"},{\"code\":\"PUB\"}]}"), 1);
        grant(consent("c-1", 1));
        Map<String, Object> input = accessRequest("r-1", "ds-1");
        input.put("task", "classification:emphysema");

        AccessEvent event = request(ChaincodeFixture.org2(), input).payloadAs(AccessDecision.class).event();

        assertThat(event.decision()).isEqualTo(Decision.PERMIT);
        assertThat(event.flags()).containsExactly("OFF_LABEL");
        assertThat(event.obligations()).containsExactly("PUB", "RTN");
    }

    @Test
    void pins_the_exact_bytes_of_a_stored_event_and_its_chaincode_event() {
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-1", 1);
        grant(consent("c-1", 1));
        ledger.setTime(Instant.parse("2026-02-01T10:00:00Z"));

        TxResult result = request(ChaincodeFixture.org2(), accessRequest("r-1", "ds-1"));

        String root = rfc6962Root(List.of(Samples.subjectRef(1)));
        assertThat(new String(ledger.rawState(StateKey.of(KeyType.ACCESS_EVENT, "r-1").encoded()), StandardCharsets.UTF_8))
                .isEqualTo("{\"datasetId\":\"ds-1\",\"datasetOwner\":\"Org1MSP\",\"decidedAt\":\"2026-02-01T10:00:00Z\","
                        + "\"decision\":\"PERMIT\",\"eventId\":\"r-1\",\"flags\":[],\"obligations\":[],"
                        + "\"purpose\":{\"code\":\"HMB\"},\"reasons\":[],\"releasedSubjectsRoot\":\"" + root + "\","
                        + "\"request\":{\"commercial\":false,\"datasetId\":\"ds-1\",\"forProfit\":false,\"geneticStudy\":false,"
                        + "\"methodsDevelopment\":false,\"purpose\":{\"code\":\"HMB\"},\"requestId\":\"r-1\","
                        + "\"task\":\"segmentation:lung-nodule\"},\"requester\":\"Org2MSP\",\"subjectsConsidered\":1,"
                        + "\"subjectsReleased\":1,\"txId\":\"" + result.txId() + "\"}");
        assertThat(result.eventPayload()).isEqualTo("{\"datasetId\":\"ds-1\",\"decision\":\"PERMIT\",\"eventId\":\"r-1\","
                + "\"releasedSubjectsRoot\":\"" + root + "\",\"requester\":\"Org2MSP\",\"subjectsReleased\":1}");
        String ts = StateKey.fixedWidth(Instant.parse("2026-02-01T10:00:00Z").toEpochMilli());
        assertThat(result.writes().keySet()).containsExactly(
                StateKey.of(KeyType.ACCESS_EVENT, "r-1").encoded(),
                StateKey.of(KeyType.ACCESS_BY_DATASET, "ds-1", ts, "r-1").encoded(),
                StateKey.of(KeyType.ACCESS_BY_REQUESTER, "Org2MSP", ts, "r-1").encoded());
    }

    @Test
    void fails_without_recording_anything_for_a_dataset_that_does_not_exist() {
        var before = ledger.snapshot();

        TxResult result = ledger.submit(ChaincodeFixture.org2(), "access:RequestAccess", json(accessRequest("r-1", "ds-missing")));

        assertThat(result.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void refuses_a_replayed_request_id() {
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-1", 1);
        request(ChaincodeFixture.org2(), accessRequest("r-1", "ds-1"));
        var before = ledger.snapshot();

        TxResult result = ledger.submit(ChaincodeFixture.org2(), "access:RequestAccess", json(accessRequest("r-1", "ds-1")));

        assertThat(result.errorCode()).isEqualTo("ALREADY_EXISTS");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void rejects_malformed_requests_naming_the_field_and_writes_nothing() {
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-1", 1);
        Map<String, Object> nres = accessRequest("r-1", "ds-1");
        nres.put("purpose", Map.of("code", "NRES"));
        Map<String, Object> undeclared = accessRequest("r-1", "ds-1");
        undeclared.remove("commercial");
        Map<String, Object> badHash = accessRequest("r-1", "ds-1");
        badHash.put("ethicsApprovalHash", "approved");
        Map<String, Object> freeTextTask = accessRequest("r-1", "ds-1");
        freeTextTask.put("task", "Study of Mr Smith");
        var before = ledger.snapshot();

        List<TxResult> results = List.of(nres, undeclared, badHash, freeTextTask).stream()
                .map(r -> ledger.submit(ChaincodeFixture.org2(), "access:RequestAccess", json(r)))
                .collect(Collectors.toList());

        assertThat(results).extracting(TxResult::errorCode).containsOnly("INVALID_ARGUMENT");
        assertThat(results).extracting(r -> r.message().split(":")[0]).containsExactly("purpose", "commercial", "ethicsApprovalHash", "task");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void refuses_callers_without_the_institution_role() {
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-1", 1);
        for (Identity caller : List.of(ChaincodeFixture.auditor(), ChaincodeFixture.org1WithoutRole(), ChaincodeFixture.org1WithUnknownRole())) {
            var before = ledger.snapshot();

            TxResult result = ledger.submit(caller, "access:RequestAccess", json(accessRequest("r-1", "ds-1")));

            assertThat(result.errorCode()).isEqualTo("ROLE_FORBIDDEN");
            assertThat(ledger.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void shows_a_single_event_only_to_auditors_requester_and_dataset_owner() {
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org2(), "ds-2", 1);
        request(ChaincodeFixture.org2(), accessRequest("r-1", "ds-2"));

        TxResult stranger = ledger.evaluate(ChaincodeFixture.org1(), "access:GetAccessEvent", "r-1");
        TxResult auditor = ledger.evaluate(ChaincodeFixture.auditor(), "access:GetAccessEvent", "r-1");

        assertThat(stranger.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(auditor.ok()).isTrue();
    }

    private void grant(final Map<String, Object> consent) {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent)));
    }

    private TxResult request(final Identity caller, final Map<String, Object> request) {
        return expectOk(ledger.submit(caller, "access:RequestAccess", json(request)));
    }

    private static List<String> refs(final int... subjects) {
        return IntStream.of(subjects).mapToObj(Samples::subjectRef).collect(Collectors.toList());
    }

    /** RFC 6962 §2.1 Merkle Tree Hash over the sorted UTF-8 values, written here independently of MerkleTree. */
    static String rfc6962Root(final List<String> values) {
        List<byte[]> leaves = new ArrayList<>();
        values.stream().sorted().forEach(v -> leaves.add(v.getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(mth(leaves));
    }

    private static byte[] mth(final List<byte[]> data) {
        if (data.isEmpty()) {
            return sha256(new byte[0]);
        }
        if (data.size() == 1) {
            return sha256(concat(new byte[] {0}, data.get(0)));
        }
        int k = 1;
        while (k * 2 < data.size()) {
            k *= 2;
        }
        return sha256(concat(new byte[] {1}, mth(data.subList(0, k)), mth(data.subList(k, data.size()))));
    }

    private static byte[] concat(final byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] sha256(final byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
