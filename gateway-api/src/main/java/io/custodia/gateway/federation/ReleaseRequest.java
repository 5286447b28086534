package io.custodia.gateway.federation;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.canonical.Hashes;
import io.custodia.chaincode.support.Fields;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the requester's gateway signs to ask the owner's gateway for a PERMIT's pointers: the event,
 * its dataset, the requesting institution, the owner it is meant for ({@code audience}: a request
 * for Org1 cannot be replayed to Org3), a fresh nonce and its issue time, and the released subjects
 * from the decision's answer (the ledger keeps only their count and Merkle root, which the owner
 * checks them against).
 */
record ReleaseRequest(String eventId, String datasetId, String requester, String audience, String nonce, Instant issuedAt,
        List<String> releasedSubjects) {
    static final String TYPE = "custodia.federation.release-request.v1";
    static final Pattern NONCE = Pattern.compile("[0-9a-f]{32,64}");

    ReleaseRequest {
        releasedSubjects = List.copyOf(releasedSubjects);
    }

    Map<String, Object> toBody() {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", TYPE);
        out.put("eventId", eventId);
        out.put("datasetId", datasetId);
        out.put("requester", requester);
        out.put("audience", audience);
        out.put("nonce", nonce);
        out.put("issuedAt", issuedAt.toString());
        out.put("releasedSubjects", releasedSubjects);
        return out;
    }

    /** The request in a signed body; anything malformed is a 400 naming the member. */
    static ReleaseRequest fromBody(final JsonNode body) throws FederationException {
        if (!TYPE.equals(body.path("type").asText()) || body.size() != 8) {
            throw FederationException.badRequest("body: must be a " + TYPE + " with exactly its 8 members");
        }
        final String eventId = text(body, "eventId");
        final String datasetId = text(body, "datasetId");
        final String requester = text(body, "requester");
        final String audience = text(body, "audience");
        final String nonce = text(body, "nonce");
        if (!Fields.ID.matcher(eventId).matches() || !Fields.ID.matcher(datasetId).matches()) {
            throw FederationException.badRequest("eventId, datasetId: must be identifiers");
        }
        if (!Fields.MSP_ID.matcher(requester).matches() || !Fields.MSP_ID.matcher(audience).matches()) {
            throw FederationException.badRequest("requester, audience: must be MSP IDs");
        }
        if (!NONCE.matcher(nonce).matches()) {
            throw FederationException.badRequest("nonce: must be 32 to 64 lower-case hex digits");
        }
        final Instant issuedAt;
        try {
            issuedAt = Instant.parse(text(body, "issuedAt"));
        } catch (DateTimeParseException e) {
            throw FederationException.badRequest("issuedAt: must be an ISO-8601 instant");
        }
        final JsonNode released = body.path("releasedSubjects");
        if (!released.isArray()) {
            throw FederationException.badRequest("releasedSubjects: must be an array of subject references");
        }
        final List<String> refs = new ArrayList<>(released.size());
        for (final JsonNode ref : released) {
            if (!ref.isTextual() || !Hashes.isSha256Hex(ref.asText())) {
                throw FederationException.badRequest("releasedSubjects: must hold subject references (64 lower-case hex)");
            }
            refs.add(ref.asText());
        }
        return new ReleaseRequest(eventId, datasetId, requester, audience, nonce, issuedAt, refs);
    }

    private static String text(final JsonNode body, final String field) throws FederationException {
        final JsonNode value = body.path(field);
        if (!value.isTextual()) {
            throw FederationException.badRequest(field + ": is required");
        }
        return value.asText();
    }
}
