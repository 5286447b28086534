package io.custodia.gateway.access;

import io.custodia.gateway.audit.SubjectTrail;
import io.custodia.gateway.audit.TrailQuery;
import io.custodia.gateway.auth.AuthRules;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.consent.Acting;
import io.custodia.gateway.consent.ActingResolver;
import io.custodia.gateway.http.Pages;
import io.custodia.gateway.http.ProblemDocument;
import io.custodia.gateway.ledger.LedgerException;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import java.util.Optional;

/**
 * {@code GET /api/v1/me/disclosures}: the access events that released the caller's data, from the
 * store's disclosure index ({@link SubjectTrail}; time range and pagination as every trail). Patients
 * see their own; proxies name a {@code delegationId} that is in force, was registered by their
 * institution and names them as the proxy — anything else is 404 ({@link ActingResolver}, the rule of
 * every proxy endpoint).
 *
 * <p>A disclosure is recorded in the store transaction that decides which pointers are handed out, so
 * the trail lists exactly the events whose answer carried the subject's pointers. Reading never
 * registers anyone: a person the registry does not know has had nothing released.
 */
final class DisclosureHandlers {
    private final AuthRules auth;
    private final ActingResolver acting;
    private final SubjectTrail trail;
    private final Pages pages;

    DisclosureHandlers(final AuthRules auth, final ActingResolver acting, final SubjectTrail trail, final Pages pages) {
        this.auth = auth;
        this.acting = acting;
        this.trail = trail;
        this.pages = pages;
    }

    @OpenApi(path = "/api/v1/me/disclosures", methods = HttpMethod.GET, summary = "Who accessed my data, when and why", tags = "Access", security = @OpenApiSecurity(name = "BearerAuth"), queryParams = {@OpenApiParam(name = "delegationId"), @OpenApiParam(name = "from"), @OpenApiParam(name = "to"), @OpenApiParam(name = "pageSize"), @OpenApiParam(name = "bookmark")}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void list(final Context ctx) throws LedgerException {
        final Principal principal = auth.requireRole(ctx, UserRole.PATIENT, UserRole.PROXY);
        final String delegationId = ActingResolver.checkDelegationParameter(principal, ctx.queryParam("delegationId"));
        final TrailQuery query = TrailQuery.of(ctx, pages, principal, "me/disclosures", delegationId);
        final Optional<Acting> who = acting.existing(principal, delegationId);
        if (who.isEmpty()) {
            // A patient the registry does not know has had nothing released.
            query.page().respondEmpty(ctx);
            return;
        }
        query.page().respond(ctx, trail.page(who.get().subjectRef(), query));
    }
}
