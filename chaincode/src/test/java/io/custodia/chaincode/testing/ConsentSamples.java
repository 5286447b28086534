package io.custodia.chaincode.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Pseudonyms;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inputs for consent, delegation, access and erasure tests, as mutable maps so a test changes only
 * what it is about and serialises with {@link #json(Object)}.
 */
public final class ConsentSamples {
    /** Default validity start of sample consents and delegations: a year before {@link ChaincodeFixture#START}. */
    public static final String VALID_FROM = "2025-01-01T00:00:00Z";

    private static final ObjectMapper TREE = new ObjectMapper();

    private ConsentSamples() {}

    /** A deterministic proxy pseudonym for test proxy {@code n}. */
    public static String proxyRef(final int n) {
        return Pseudonyms.subjectRef("proxy-salt-0123456789".getBytes(StandardCharsets.UTF_8), "proxy-" + n);
    }

    /** Subject {@code subject} consents to HMB research on every Org1MSP dataset by Org2MSP, open-ended. */
    public static Map<String, Object> consent(final String consentId, final int subject) {
        final Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("consentId", consentId);
        consent.put("subjectRef", Samples.subjectRef(subject));
        consent.put("grantor", Map.of("kind", "SUBJECT"));
        consent.put("scope", Map.of("kind", "INSTITUTION", "institution", "Org1MSP"));
        consent.put("purposes", List.of(Map.of("code", "HMB")));
        consent.put("grantees", List.of("Org2MSP"));
        consent.put("validFrom", VALID_FROM);
        consent.put("documentHash", Samples.hash("consent-document-" + consentId));
        return consent;
    }

    /** The grantor/revoker object of proxy {@code proxy} acting under {@code delegationId}. */
    public static Map<String, Object> proxy(final int proxy, final String delegationId) {
        return Map.of("kind", "PROXY", "proxyRef", proxyRef(proxy), "delegationId", delegationId);
    }

    /** A revocation by the subject. */
    public static String revocationBySubject() {
        return json(Map.of("by", Map.of("kind", "SUBJECT")));
    }

    /** Proxy {@code proxy} is guardian of subject {@code subject}, may grant and revoke, open-ended. */
    public static Map<String, Object> delegation(final String delegationId, final int subject, final int proxy) {
        final Map<String, Object> delegation = new LinkedHashMap<>();
        delegation.put("delegationId", delegationId);
        delegation.put("subjectRef", Samples.subjectRef(subject));
        delegation.put("proxyRef", proxyRef(proxy));
        delegation.put("kind", "GUARDIAN");
        delegation.put("scope", Map.of("grant", true, "revoke", true));
        delegation.put("validFrom", VALID_FROM);
        delegation.put("documentHash", Samples.hash("delegation-document-" + delegationId));
        return delegation;
    }

    /** A non-commercial, not-for-profit HMB request for the dataset's intended task. */
    public static Map<String, Object> accessRequest(final String requestId, final String datasetId) {
        final Map<String, Object> request = new LinkedHashMap<>();
        request.put("requestId", requestId);
        request.put("datasetId", datasetId);
        request.put("purpose", Map.of("code", "HMB"));
        request.put("commercial", false);
        request.put("forProfit", false);
        request.put("methodsDevelopment", false);
        request.put("geneticStudy", false);
        request.put("task", "segmentation:lung-nodule");
        return request;
    }

    /** {@link Samples#datasetJson(String)} with other DUO use restrictions (a JSON object). */
    public static String datasetJson(final String datasetId, final String useRestrictionsJson) {
        final String original = "{\"permission\":{\"code\":\"HMB\"},\"modifiers\":[{\"code\":\"NPU\"}]}";
        final String json = Samples.datasetJson(datasetId);
        if (!json.contains(original)) {
            throw new IllegalStateException("Samples.datasetJson changed its use restrictions; update this helper");
        }
        return json.replace(original, useRestrictionsJson);
    }

    /** Registers {@code datasetId} (HMB + NPU) for {@code owner} with subjects 1..n; fails the test if refused. */
    public static void registerDataset(final ChaincodeFixture ledger, final io.custodia.ledger.identity.Identity owner,
            final String datasetId, final int subjects) {
        registerDescribed(ledger, owner, Samples.datasetJson(datasetId), subjects);
    }

    /** Registers a dataset from its descriptor JSON with subjects 1..n; fails the test if refused. */
    public static void registerDescribed(final ChaincodeFixture ledger, final io.custodia.ledger.identity.Identity owner,
            final String descriptorJson, final int subjects) {
        expectOk(ledger.submit(owner, "datasets:RegisterDataset", descriptorJson, Samples.subjectsJson(subjects)));
    }

    /** The result, after checking it succeeded (with the failure in the message otherwise). */
    public static TxResult expectOk(final TxResult result) {
        if (!result.ok()) {
            throw new AssertionError("expected success: " + result);
        }
        return result;
    }

    public static String json(final Object value) {
        return CanonicalJson.toString(value);
    }

    /** A JSON tree of {@code json}, for reading response pages in assertions. */
    public static JsonNode tree(final String json) {
        try {
            return TREE.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
