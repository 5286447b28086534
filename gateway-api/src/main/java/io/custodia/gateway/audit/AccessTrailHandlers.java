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
import io.custodia.gateway.http.Pages;
import io.custodia.gateway.ledger.Callers;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.canonical.Pseudonyms;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/audit/access-events} (one selector: datasetId, institution or subjectRef) and
 * {@code GET /api/v1/audit/access-events/{eventId}}. Pages of canonical JSON pass through unchanged
 * but for their sealed bookmark ({@link Pages}) and each event's transaction {@code block} and
 * {@code position} ({@link LedgerPositions}): the ledger's for datasets and institutions, the
 * store's disclosure index ({@link SubjectTrail}) for subjects.
 */
final class AccessTrailHandlers {
    private static final List<String> SELECTORS = List.of("datasetId", "institution", "subjectRef");

    private final LedgerClient ledger;
    private final AuthRules auth;
    private final SubjectTrail subjectTrail;
    private final Pages pages;
    private final LedgerPositions positions;

    AccessTrailHandlers(final LedgerClient ledger, final AuthRules auth, final SubjectTrail subjectTrail, final Pages pages) {
        this.ledger = ledger;
        this.auth = auth;
        this.subjectTrail = subjectTrail;
        this.pages = pages;
        this.positions = new LedgerPositions(ledger);
    }

    @OpenApi(path = "/api/v1/audit/access-events", methods = HttpMethod.GET, summary = "Access trail by dataset, institution or subject", tags = "Audit", security = @OpenApiSecurity(name = "BearerAuth"), queryParams = {@OpenApiParam(name = "datasetId"), @OpenApiParam(name = "institution"), @OpenApiParam(name = "subjectRef"), @OpenApiParam(name = "from"), @OpenApiParam(name = "to"), @OpenApiParam(name = "pageSize"), @OpenApiParam(name = "bookmark")}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void list(final Context ctx) throws LedgerException {
        final Principal principal = auth.requireAuditorOrInstitution(ctx);
        final List<String> given = new ArrayList<>();
        for (final String name : SELECTORS) {
            if (ctx.queryParam(name) != null) {
                given.add(name);
            }
        }
        if (given.size() != 1) {
            throw ApiException.badRequest(given.isEmpty() ? String.join("|", SELECTORS) : String.join("|", given),
                    "give exactly one of datasetId, institution, subjectRef");
        }
        final String selector = given.get(0);
        final String value = ctx.queryParam(selector);
        final TrailQuery query = TrailQuery.of(ctx, pages, principal, "audit/access-events", selector, value);
        final String function;
        switch (selector) {
            case "datasetId":
                check(selector, value, Fields.ID, "must be an identifier of letters, digits and . _ : -");
                function = "access:GetAccessTrailByDataset";
                break;
            case "institution":
                check(selector, value, Fields.MSP_ID, "must be an MSP ID such as Org1MSP");
                function = "access:GetAccessTrailByRequester";
                break;
            default:
                checkSubjectRef(selector, value, "must be 64 lower-case hex digits");
                // An institution token must not learn who accessed an arbitrary person's data.
                if (principal.role() != UserRole.AUDITOR) {
                    throw ApiException.forbidden("only auditors read access trails by subject");
                }
                // Off the ledger: the gateway's disclosure index is the only per-subject trail.
                query.page().respond(ctx, positions.page(subjectTrail.page(value, query)));
                return;
        }
        query.page().respond(ctx, positions.page(ledger.evaluate(Callers.of(principal), function, value, query.from(), query.to(),
                query.page().size(), query.page().bookmark())));
    }

    @OpenApi(path = "/api/v1/audit/access-events/{eventId}", methods = HttpMethod.GET, summary = "One access event", tags = "Audit", security = @OpenApiSecurity(name = "BearerAuth"), pathParams = {@OpenApiParam(name = "eventId", required = true)}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void one(final Context ctx) throws LedgerException {
        final Principal principal = auth.requireAuditorOrInstitution(ctx);
        final String eventId = ctx.pathParam("eventId");
        check("eventId", eventId, Fields.ID, "must be an identifier of letters, digits and . _ : -");
        // The chaincode answers NOT_FOUND for events the caller neither requested nor owns the dataset of.
        LedgerJson.respond(ctx, 200, positions.item(ledger.evaluate(Callers.of(principal), "access:GetAccessEvent", eventId)));
    }

    static void check(final String field, final String value, final Pattern pattern, final String message) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw ApiException.badRequest(field, message);
        }
    }

    static void checkSubjectRef(final String field, final String value, final String message) {
        if (!Pseudonyms.isSubjectRef(value)) {
            throw ApiException.badRequest(field, message);
        }
    }
}
