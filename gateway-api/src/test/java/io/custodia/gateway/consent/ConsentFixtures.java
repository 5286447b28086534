package io.custodia.gateway.consent;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The cast of the consent tests on one gateway: institution Org1MSP, an auditor, patient P1, a proxy
 * of P1 (with a delegation registered over HTTP), patient P2; plus request bodies and ledger reads.
 */
final class ConsentFixtures {
    static final String ORG = "Org1MSP";
    static final LedgerCaller INSTITUTION_CALLER = LedgerCaller.institution(ORG);

    final RunningGateway gateway;
    final HttpClientSupport http;
    final String institution;
    final String auditor;
    final String p1Id;
    final String p1;
    final String proxyId;
    final String proxy;
    final String p2Id;
    final String p2;
    final String delegationId;

    ConsentFixtures(final RunningGateway gateway) throws Exception {
        this.gateway = gateway;
        this.http = new HttpClientSupport(gateway.baseUrl());
        final String run = UUID.randomUUID().toString().substring(0, 8);
        this.institution = gateway.token(UserRole.INSTITUTION, ORG, "registrar-1");
        this.auditor = gateway.token(UserRole.AUDITOR, "AuditorMSP", "dpo-1");
        this.p1Id = "mrn-p1-" + run;
        this.p1 = gateway.token(UserRole.PATIENT, ORG, p1Id);
        this.proxyId = "mrn-guardian-" + run;
        this.proxy = gateway.token(UserRole.PROXY, ORG, proxyId);
        this.p2Id = "mrn-p2-" + run;
        this.p2 = gateway.token(UserRole.PATIENT, ORG, p2Id);
        this.delegationId = "delegation-" + run;
        final Reply registered = http.post("/api/v1/delegations", institution, HttpClientSupport.json(delegation(delegationId, p1Id, proxyId)));
        if (registered.status() != 201) {
            throw new AssertionError("delegation setup failed: " + registered);
        }
    }

    /** A grant body: HMB research on every Org1MSP dataset by Org2MSP, open-ended, with the document hash. */
    static Map<String, Object> grant(final String consentId) {
        final Map<String, Object> body = new LinkedHashMap<>();
        if (consentId != null) {
            body.put("consentId", consentId);
        }
        body.put("scope", Map.of("kind", "INSTITUTION", "institution", ORG));
        body.put("purposes", List.of(Map.of("code", "HMB")));
        body.put("grantees", List.of("Org2MSP"));
        body.put("validFrom", "2025-01-01T00:00:00Z");
        body.put("documentHash", "ab".repeat(32));
        return body;
    }

    /** The grant body with an inline document instead of its hash. */
    static Map<String, Object> grantWithDocument(final String consentId, final String documentText) {
        final Map<String, Object> body = grant(consentId);
        body.remove("documentHash");
        body.put("document", Base64.getEncoder().encodeToString(documentText.getBytes(StandardCharsets.UTF_8)));
        return body;
    }

    static Map<String, Object> delegation(final String delegationId, final String patientId, final String proxyId) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("delegationId", delegationId);
        body.put("patientId", patientId);
        body.put("proxyId", proxyId);
        body.put("kind", "GUARDIAN");
        body.put("scope", Map.of("grant", true, "revoke", true));
        body.put("validFrom", "2025-01-01T00:00:00Z");
        body.put("documentHash", "cd".repeat(32));
        return body;
    }

    static String newId(final String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    Reply grantAs(final String token, final Map<String, Object> body) throws Exception {
        return http.post("/api/v1/consents", token, HttpClientSupport.json(body));
    }

    /** Grants as P1 and returns the consent id, failing the test if it is not 201. */
    String grantedByP1(final Map<String, Object> body) throws Exception {
        final Reply reply = grantAs(p1, body);
        if (reply.status() != 201) {
            throw new AssertionError("grant failed: " + reply);
        }
        return reply.json().path("consent").path("consentId").asText();
    }

    /** The on-chain consent record, or null when the ledger has none. */
    JsonNode consentOnLedger(final String consentId) throws Exception {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    gateway.gateway().ledger().evaluate(INSTITUTION_CALLER, "consents:GetConsent", consentId));
        } catch (io.custodia.gateway.ledger.LedgerException.Rejected e) {
            if ("NOT_FOUND".equals(e.code())) {
                return null;
            }
            throw e;
        }
    }

    /** The registry's subject reference of {@code patientId} at Org1MSP, if registered (and not erased). */
    java.util.Optional<String> registered(final String patientId) {
        final io.custodia.gateway.config.GatewaySecrets secrets = io.custodia.gateway.config.GatewaySecrets.loadOrCreate(
                gateway.dataDir().resolve("keys/pepper.hex"), gateway.dataDir().resolve("keys/store-kek.hex"));
        return gateway.gateway().store().subjects().find(secrets.institutionPepper(ORG), patientId).map(r -> r.subjectRef());
    }

    JsonNode erasuresOf(final String subjectRef) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(gateway.gateway().ledger().evaluate(
                INSTITUTION_CALLER, "erasures:ListErasuresBySubject", subjectRef, "100", "")).path("items");
    }
}
