package io.custodia.gateway.delegations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Body of {@code POST /api/v1/delegations}: people by their identifiers at the institution, never sent on. */
record RegisterDelegationRequest(
        String delegationId,
        String patientId,
        String proxyId,
        JsonNode kind,
        JsonNode scope,
        String validFrom,
        String validUntil,
        String document,
        String documentHash) {

    @Override
    public String toString() {
        // Patient and proxy identifiers must never reach a log line.
        return "RegisterDelegationRequest[" + delegationId + "]";
    }

    /** The chaincode's {@code Delegation} JSON with the two pseudonyms. */
    ObjectNode toDelegation(final String id, final String subjectRef, final String proxyRef, final String hash) {
        final ObjectNode delegation = JsonNodeFactory.instance.objectNode();
        delegation.put("delegationId", id);
        delegation.put("subjectRef", subjectRef);
        delegation.put("proxyRef", proxyRef);
        if (kind != null && !kind.isNull()) {
            delegation.set("kind", kind);
        }
        if (scope != null && !scope.isNull()) {
            delegation.set("scope", scope);
        }
        if (validFrom != null) {
            delegation.put("validFrom", validFrom);
        }
        if (validUntil != null) {
            delegation.put("validUntil", validUntil);
        }
        if (hash != null) {
            delegation.put("documentHash", hash);
        }
        return delegation;
    }
}
