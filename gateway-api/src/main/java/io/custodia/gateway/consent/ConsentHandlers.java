package io.custodia.gateway.consent;

import io.custodia.gateway.http.ProblemDocument;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.chaincode.consent.Consent;
import io.custodia.chaincode.support.Fields;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.http.Bodies;
import io.custodia.gateway.http.Idempotency;
import io.custodia.gateway.http.PageRequest;
import io.custodia.gateway.http.Pages;
import io.custodia.gateway.ledger.Callers;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerException;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.UUID;

/**
 * Handlers of the patient/proxy consent endpoints: parse and validate everything first (a bad
 * request writes nothing — not even a registry row), then resolve who acts, then call the service.
 */
final class ConsentHandlers {
    /** Stands in for values not known yet while the chaincode's value classes validate a request. */
    private static final String PLACEHOLDER_REF = "0".repeat(64);

    private final ConsentService service;
    private final ActingResolver acting;
    private final Idempotency idempotency;
    private final Pages pages;
    private final ConsentIds ids;

    ConsentHandlers(final ConsentService service, final ActingResolver acting, final Idempotency idempotency, final Pages pages,
            final ConsentIds ids) {
        this.service = service;
        this.acting = acting;
        this.idempotency = idempotency;
        this.pages = pages;
        this.ids = ids;
    }

    @OpenApi(path = "/api/v1/consents", methods = HttpMethod.POST, summary = "Grant consent (patient, or proxy with a delegation)", tags = "Consents", security = @OpenApiSecurity(name = "BearerAuth"), requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = GrantRequest.class)), responses = {@OpenApiResponse(status = "201", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "409", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "422", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "503", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void grant(final Context ctx, final Principal principal) throws Exception {
        final GrantRequest body = Bodies.read(ctx, GrantRequest.class);
        final String delegationId = ActingResolver.checkDelegationParameter(principal, body.delegationId());
        final Optional<byte[]> document = Documents.decode(body.document(), body.documentHash());
        final String consentId = body.consentId() != null ? body.consentId()
                : idempotency.derivedId(ctx, principal, "consent-", () -> "consent-" + UUID.randomUUID());
        ConsentIds.checkName(consentId);
        final String documentHash = Documents.hash(document, body.documentHash());
        // The chaincode's own Consent class checks every field (400 with its path) before any write.
        CanonicalJson.parse(CanonicalJson.toString(
                body.toConsent(consentId, PLACEHOLDER_REF, ActingResolver.subjectActor(), documentHash)), Consent.class);

        final Acting who = acting.forGrant(principal, delegationId);
        final LedgerCaller caller = Callers.of(principal);
        final boolean retry = ctx.header(Idempotency.HEADER) != null;
        idempotency.respond(ctx, principal, who.subjectRef(), () -> {
            // Inside the action, so a replayed request answers what it answered before.
            final String ledgerId = ids.forGrant(caller, consentId, who.subjectRef(), retry);
            final ObjectNode consent = body.toConsent(ledgerId, who.subjectRef(), who.actor(), documentHash);
            return new Idempotency.Outcome(201, ConsentIds.shown(service.grant(caller, consent, document, retry), who.subjectRef()));
        });
    }

    @OpenApi(path = "/api/v1/me/consents", methods = HttpMethod.GET, summary = "My consents (proxy: of the delegating subject)", tags = "Consents", security = @OpenApiSecurity(name = "BearerAuth"), queryParams = {@OpenApiParam(name = "delegationId"), @OpenApiParam(name = "pageSize"), @OpenApiParam(name = "bookmark")}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void listMine(final Context ctx, final Principal principal) throws LedgerException {
        final String delegationId = ActingResolver.checkDelegationParameter(principal, ctx.queryParam("delegationId"));
        final PageRequest page = pages.read(ctx, principal, "me/consents", delegationId);
        final Optional<Acting> who = acting.existing(principal, delegationId);
        if (who.isEmpty()) {
            // A patient the registry does not know (never registered, or erased) has no consents.
            page.respondEmpty(ctx);
            return;
        }
        final JsonNode list = service.evaluate(Callers.of(principal), "consents:ListConsentsBySubject",
                who.get().subjectRef(), page.size(), page.bookmark());
        list.path("items").forEach(record -> ConsentIds.shown(record, who.get().subjectRef()));
        page.respond(ctx, CanonicalJson.toBytes(list));
    }

    /**
     * Revocation is not stored under an Idempotency-Key: the stored response would be a row keyed by
     * a hash of the caller's identifier, written after the erasure it reports. A repeated DELETE joins
     * the revocation's one outbox item (so a retry after a crash finishes the first attempt instead of
     * revoking twice). With an Idempotency-Key, a retry that finds the consent REVOKED answers the
     * outcome again, rebuilt from the ledger (the first attempt's answer may have been lost); without
     * one it is 409. Once the subject is erased the gateway can no longer tell who it was: 404.
     */
    @OpenApi(path = "/api/v1/consents/{consentId}", methods = HttpMethod.DELETE, summary = "Revoke a consent; erases the subject's off-chain data when no other consent remains", tags = "Consents", security = @OpenApiSecurity(name = "BearerAuth"), pathParams = {@OpenApiParam(name = "consentId", required = true)}, queryParams = {@OpenApiParam(name = "delegationId")}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "409", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "503", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void revoke(final Context ctx, final Principal principal) throws LedgerException {
        final String consentId = ctx.pathParam("consentId");
        if (!Fields.ID.matcher(consentId).matches()) {
            throw ApiException.badRequest("consentId", "must be an identifier of 1 to 128 letters, digits and . _ : -");
        }
        final String delegationId = ActingResolver.checkDelegationParameter(principal, ctx.queryParam("delegationId"));
        final Acting who = acting.existing(principal, delegationId)
                .orElseThrow(ApiException::notFound);
        final LedgerCaller caller = Callers.of(principal);
        final ConsentIds.Found current = ids.find(caller, consentId, who.subjectRef()).orElseThrow(ApiException::notFound);
        final String status = current.record().path("status").asText();
        final boolean retry = ctx.header(Idempotency.HEADER) != null;
        if ("REVOKED".equals(status) && retry) {
            // Joins the first attempt's item if it is still running, else rebuilds its answer.
            ctx.header("Idempotent-Replayed", "true");
        } else if (!"ACTIVE".equals(status)) {
            throw ApiException.conflict("state-conflict", "consent " + consentId + " is " + status + ", not ACTIVE");
        }
        final ObjectNode response = service.revoke(
                RevokeConsentOperation.payload(current.ledgerId(), who.subjectRef(), caller.mspId(), who.actor()));
        ConsentIds.shown(response.path("consent"), who.subjectRef());
        ctx.status(200).json(response);
    }
}
