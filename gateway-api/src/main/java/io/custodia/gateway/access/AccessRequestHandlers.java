package io.custodia.gateway.access;

import io.custodia.gateway.http.ProblemDocument;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import io.custodia.gateway.auth.AuthRules;
import io.custodia.gateway.auth.Principal;
import io.custodia.chaincode.support.Fields;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.http.Bodies;
import io.custodia.gateway.http.Idempotency;
import io.custodia.gateway.http.LedgerJson;
import io.javalin.http.Context;
import java.util.UUID;

/**
 * {@code POST /api/v1/access-requests} (role institution). A DENY is a 201 too: the decision was
 * recorded. With an {@code Idempotency-Key}, the stored replayable response is the ledger's decision
 * (pseudonyms only) and the pointers are resolved again on a replay, so no pointer is ever stored in
 * the clear and an erasure in between is honoured.
 */
final class AccessRequestHandlers {
    private final AuthRules auth;
    private final Idempotency idempotency;
    private final AccessService service;

    AccessRequestHandlers(final AuthRules auth, final Idempotency idempotency, final AccessService service) {
        this.auth = auth;
        this.idempotency = idempotency;
        this.service = service;
    }

    @OpenApi(path = "/api/v1/access-requests", methods = HttpMethod.POST, summary = "Request access for a purpose: the ledger decides and records the event; pointers of released subjects only", tags = "Access", security = @OpenApiSecurity(name = "BearerAuth"), requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = AccessRequestBody.class)), responses = {@OpenApiResponse(status = "201", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "409", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "422", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "503", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void create(final Context ctx) throws Exception {
        final Principal principal = auth.requireInstitution(ctx);
        final AccessRequestBody body = Bodies.read(ctx, AccessRequestBody.class);
        body.validate();
        final String requestId = body.requestId() != null ? body.requestId()
                : idempotency.derivedId(ctx, principal, "req-", () -> "req-" + UUID.randomUUID());
        // The first answer reuses what the action resolved; a replay resolves from the stored decision.
        final AccessService.AccessResult[] first = new AccessService.AccessResult[1];
        final boolean retry = ctx.header(Idempotency.HEADER) != null;
        idempotency.respondRendered(ctx, principal, null,
                () -> {
                    first[0] = service.request(principal, body, requestId, retry);
                    return new Idempotency.Outcome(201, first[0].decision().decision());
                },
                stored -> retryHint(ctx, first[0] != null ? first[0].grant()
                        : service.resolve(new AccessService.Decision(LedgerJson.tree(stored)))));
    }

    @OpenApi(path = "/api/v1/access-requests/{requestId}/delivery", methods = HttpMethod.POST, summary = "Ask the dataset owner's gateway again for the pointers of a PERMIT whose delivery is pending", tags = "Access", security = @OpenApiSecurity(name = "BearerAuth"), pathParams = @OpenApiParam(name = "requestId", required = true), responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "202", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void delivery(final Context ctx) {
        final Principal principal = auth.requireInstitution(ctx);
        final String requestId = ctx.pathParam("requestId");
        if (!Fields.ID.matcher(requestId).matches()) {
            throw ApiException.badRequest("requestId", "must be an identifier of 1 to 128 letters, digits and . _ : -");
        }
        final AccessGrant grant = retryHint(ctx, service.fetchPending(principal, requestId));
        ctx.status(grant.pending() ? 202 : 200).json(grant);
    }

    /** A pending delivery says when to ask again, in the body and as {@code Retry-After}. */
    private static AccessGrant retryHint(final Context ctx, final AccessGrant grant) {
        if (grant.pending() && grant.delivery().retryAfter() != null) {
            ctx.header("Retry-After", Integer.toString(grant.delivery().retryAfter()));
        }
        return grant;
    }
}
