package io.custodia.gateway.delegations;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.chaincode.consent.Delegation;
import io.custodia.chaincode.support.Fields;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.consent.Documents;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.http.Bodies;
import io.custodia.gateway.http.Idempotency;
import io.custodia.gateway.http.LedgerJson;
import io.custodia.gateway.ledger.Callers;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.subjects.SubjectResolver;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.UUID;

/**
 * Registering and ending proxy delegations (institutions). The delegation document is only hashed:
 * the institution verified it and keeps it; the ledger holds its SHA-256.
 */
final class DelegationHandlers {
    private static final String SUBJECT_PLACEHOLDER = "0".repeat(64);
    private static final String PROXY_PLACEHOLDER = "1".repeat(64);

    private final LedgerClient ledger;
    private final SubjectResolver subjects;
    private final Idempotency idempotency;

    DelegationHandlers(final LedgerClient ledger, final SubjectResolver subjects, final Idempotency idempotency) {
        this.ledger = ledger;
        this.subjects = subjects;
        this.idempotency = idempotency;
    }

    void register(final Context ctx, final Principal principal) throws Exception {
        final RegisterDelegationRequest body = Bodies.read(ctx, RegisterDelegationRequest.class);
        final String patientId = SubjectResolver.checkPatientId("patientId", body.patientId());
        final String proxyId = SubjectResolver.checkPatientId("proxyId", body.proxyId());
        if (patientId.equals(proxyId)) {
            throw ApiException.badRequest("proxyId", "a patient cannot be their own proxy");
        }
        final Optional<byte[]> document = Documents.decode(body.document(), body.documentHash());
        final String hash = Documents.hash(document, body.documentHash());
        final String delegationId = body.delegationId() != null ? body.delegationId()
                : idempotency.derivedId(ctx, principal, "delegation-", () -> "delegation-" + UUID.randomUUID());
        // Validate every field with the chaincode's own class before the registry is touched.
        CanonicalJson.parse(CanonicalJson.toString(
                body.toDelegation(delegationId, SUBJECT_PLACEHOLDER, PROXY_PLACEHOLDER, hash)), Delegation.class);

        final String subjectRef = subjects.registerOrGet(principal.institution(), patientId);
        final String proxyRef = subjects.registerOrGet(principal.institution(), proxyId);
        final String delegation = CanonicalJson.toString(body.toDelegation(delegationId, subjectRef, proxyRef, hash));
        final LedgerCaller caller = Callers.of(principal);
        idempotency.respond(ctx, principal, subjectRef, () -> new Idempotency.Outcome(201,
                LedgerJson.tree(ledger.submit(caller, "delegations:RegisterDelegation", delegation).payload())));
    }

    void end(final Context ctx, final Principal principal) throws Exception {
        final String delegationId = ctx.pathParam("delegationId");
        if (!Fields.ID.matcher(delegationId).matches()) {
            throw ApiException.badRequest("delegationId", "must be an identifier of 1 to 128 letters, digits and . _ : -");
        }
        final LedgerCaller caller = Callers.of(principal);
        // Read first to file the stored response under the subject, so erasing the subject also
        // erases it; a missing delegation is the chaincode's NOT_FOUND → 404.
        final JsonNode current = LedgerJson.tree(ledger.evaluate(caller, "delegations:GetDelegation", delegationId));
        final String subjectRef = current.path("delegation").path("subjectRef").asText();
        idempotency.respond(ctx, principal, subjectRef, () -> new Idempotency.Outcome(200,
                LedgerJson.tree(endOwn(caller, delegationId))));
    }

    private byte[] endOwn(final LedgerCaller caller, final String delegationId) throws LedgerException {
        // NOT_OWNER (another institution registered it) maps to the same 404 as a missing delegation.
        return ledger.submit(caller, "delegations:EndDelegation", delegationId).payload();
    }
}
