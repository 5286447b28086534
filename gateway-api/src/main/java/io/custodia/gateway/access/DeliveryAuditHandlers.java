package io.custodia.gateway.access;

import io.custodia.chaincode.support.Fields;
import io.custodia.gateway.audit.TrailQuery;
import io.custodia.gateway.auth.AuthRules;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.http.LedgerJson;
import io.custodia.gateway.http.Pages;
import io.custodia.gateway.http.ProblemDocument;
import io.custodia.gateway.ledger.Callers;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;

/**
 * Delivery receipts for auditors (and the institutions concerned): {@code GET
 * /api/v1/audit/access-events/{eventId}/delivery} (the owner's receipt: permitted vs delivered) and
 * {@code GET /api/v1/audit/undelivered-permits?datasetId=} (PERMITs never delivered). Both straight
 * from the ledger.
 */
final class DeliveryAuditHandlers {
    private final LedgerClient ledger;
    private final AuthRules auth;
    private final Pages pages;

    DeliveryAuditHandlers(final LedgerClient ledger, final AuthRules auth, final Pages pages) {
        this.ledger = ledger;
        this.auth = auth;
        this.pages = pages;
    }

    @OpenApi(path = "/api/v1/audit/access-events/{eventId}/delivery", methods = HttpMethod.GET, summary = "The delivery receipt of an access event (404 when the PERMIT was never delivered)", tags = "Audit", security = @OpenApiSecurity(name = "BearerAuth"), pathParams = {@OpenApiParam(name = "eventId", required = true)}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void receipt(final Context ctx) throws LedgerException {
        final Principal principal = auth.requireAuditorOrInstitution(ctx);
        final String eventId = ctx.pathParam("eventId");
        if (!Fields.ID.matcher(eventId).matches()) {
            throw ApiException.badRequest("eventId", "must be an identifier of letters, digits and . _ : -");
        }
        LedgerJson.respond(ctx, 200, ledger.evaluate(Callers.of(principal), "access:GetDelivery", eventId));
    }

    @OpenApi(path = "/api/v1/audit/undelivered-permits", methods = HttpMethod.GET, summary = "PERMITs of a dataset that have no delivery receipt (a page may be short; follow the bookmark until empty)", tags = "Audit", security = @OpenApiSecurity(name = "BearerAuth"), queryParams = {@OpenApiParam(name = "datasetId", required = true), @OpenApiParam(name = "from"), @OpenApiParam(name = "to"), @OpenApiParam(name = "pageSize"), @OpenApiParam(name = "bookmark")}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void undelivered(final Context ctx) throws LedgerException {
        final Principal principal = auth.requireAuditorOrInstitution(ctx);
        final String datasetId = ctx.queryParam("datasetId");
        if (datasetId == null || !Fields.ID.matcher(datasetId).matches()) {
            throw ApiException.badRequest("datasetId", "is required: an identifier of letters, digits and . _ : -");
        }
        final TrailQuery query = TrailQuery.of(ctx, pages, principal, "audit/undelivered-permits", datasetId);
        query.page().respond(ctx, ledger.evaluate(Callers.of(principal), "access:ListUndeliveredPermits", datasetId,
                query.from(), query.to(), query.page().size(), query.page().bookmark()));
    }
}
