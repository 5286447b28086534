package io.custodia.gateway.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Body of {@code POST /api/v1/consents}. Structured members stay JSON trees: the chaincode's own
 * value classes validate them (see {@link ConsentHandlers}), so the gateway and the ledger agree on
 * what a valid consent is.
 */
record GrantRequest(
        String consentId,
        JsonNode scope,
        JsonNode purposes,
        JsonNode grantees,
        String validFrom,
        String validUntil,
        String document,
        String documentHash,
        String delegationId) {

    /** The chaincode's {@code Consent} JSON for this request. */
    ObjectNode toConsent(final String id, final String subjectRef, final JsonNode grantor, final String hash) {
        final ObjectNode consent = JsonNodeFactory.instance.objectNode();
        consent.put("consentId", id);
        consent.put("subjectRef", subjectRef);
        consent.set("grantor", grantor);
        putIfPresent(consent, "scope", scope);
        putIfPresent(consent, "purposes", purposes);
        putIfPresent(consent, "grantees", grantees);
        if (validFrom != null) {
            consent.put("validFrom", validFrom);
        }
        if (validUntil != null) {
            consent.put("validUntil", validUntil);
        }
        if (hash != null) {
            consent.put("documentHash", hash);
        }
        return consent;
    }

    private static void putIfPresent(final ObjectNode target, final String name, final JsonNode value) {
        if (value != null && !value.isNull()) {
            target.set(name, value);
        }
    }
}
