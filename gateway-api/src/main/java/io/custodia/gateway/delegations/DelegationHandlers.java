package io.custodia.gateway.delegations;

import io.custodia.gateway.http.ProblemDocument;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
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

    @OpenApi(path = "/api/v1/delegations", methods = HttpMethod.POST, summary = "Register a proxy delegation (guardian, legal representative)", tags = "Delegations", security = @OpenApiSecurity(name = "BearerAuth"), requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = RegisterDelegationRequest.class)), responses = {@OpenApiResponse(status = "201", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "409", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "422", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
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

    @OpenApi(path = "/api/v1/delegations/{delegationId}/end", methods = HttpMethod.POST, summary = "End a delegation registered by this institution", tags = "Delegations", security = @OpenApiSecurity(name = "BearerAuth"), pathParams = {@OpenApiParam(name = "delegationId", required = true)}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "409", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
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
