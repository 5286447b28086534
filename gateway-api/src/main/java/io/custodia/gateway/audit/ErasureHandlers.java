package io.custodia.gateway.audit;

import io.custodia.gateway.http.ProblemDocument;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import io.custodia.chaincode.support.Fields;
import io.custodia.gateway.auth.AuthRules;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.http.LedgerJson;
import io.custodia.gateway.http.PageRequest;
import io.custodia.gateway.http.Pages;
import io.custodia.gateway.ledger.Callers;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.javalin.http.Context;

/**
 * {@code GET /api/v1/audit/erasures?subjectRef=} (auditors) and {@code GET /api/v1/audit/erasures/{receiptId}}
 * (auditors; institutions for the receipts they recorded themselves).
 */
final class ErasureHandlers {
    private final LedgerClient ledger;
    private final AuthRules auth;
    private final Pages pages;
    private final LedgerPositions positions;

    ErasureHandlers(final LedgerClient ledger, final AuthRules auth, final Pages pages) {
        this.ledger = ledger;
        this.auth = auth;
        this.pages = pages;
        this.positions = new LedgerPositions(ledger);
    }

    /** Listing by subject would tell an institution which people were erased elsewhere: auditors only. */
    @OpenApi(path = "/api/v1/audit/erasures", methods = HttpMethod.GET, summary = "Erasure receipts of a subject", tags = "Audit", security = @OpenApiSecurity(name = "BearerAuth"), queryParams = {@OpenApiParam(name = "subjectRef"), @OpenApiParam(name = "pageSize"), @OpenApiParam(name = "bookmark")}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void list(final Context ctx) throws LedgerException {
        final Principal principal = auth.requireAuditor(ctx);
        final String subjectRef = ctx.queryParam("subjectRef");
        AccessTrailHandlers.checkSubjectRef("subjectRef", subjectRef, "is required: 64 lower-case hex digits");
        final PageRequest page = pages.read(ctx, principal, "audit/erasures", subjectRef);
        page.respond(ctx, positions.page(ledger.evaluate(Callers.of(principal), "erasures:ListErasuresBySubject",
                subjectRef, page.size(), page.bookmark())));
    }

    @OpenApi(path = "/api/v1/audit/erasures/{receiptId}", methods = HttpMethod.GET, summary = "One erasure receipt", tags = "Audit", security = @OpenApiSecurity(name = "BearerAuth"), pathParams = {@OpenApiParam(name = "receiptId", required = true)}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void one(final Context ctx) throws LedgerException {
        final Principal principal = auth.requireAuditorOrInstitution(ctx);
        final String receiptId = ctx.pathParam("receiptId");
        AccessTrailHandlers.check("receiptId", receiptId, Fields.ID, "must be an identifier of letters, digits and . _ : -");
        final byte[] receipt = ledger.evaluate(Callers.of(principal), "erasures:GetErasureReceipt", receiptId);
        if (principal.role() != UserRole.AUDITOR
                && !principal.institution().equals(LedgerJson.tree(receipt).path("recordedBy").asText())) {
            // Another institution's receipt: the same answer as a missing one.
            throw ApiException.notFound();
        }
        LedgerJson.respond(ctx, 200, positions.item(receipt));
    }
}
