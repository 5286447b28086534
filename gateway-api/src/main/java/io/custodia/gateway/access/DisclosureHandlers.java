package io.custodia.gateway.access;

import io.custodia.gateway.http.ProblemDocument;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import io.custodia.canonical.CanonicalJson;
import io.custodia.chaincode.consent.DelegationRecord;
import io.custodia.chaincode.support.Fields;
import io.custodia.gateway.audit.SubjectTrail;
import io.custodia.gateway.audit.TrailQuery;
import io.custodia.gateway.auth.AuthRules;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.http.LedgerJson;
import io.custodia.gateway.ledger.Callers;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.subjects.SubjectResolver;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/me/disclosures}: the access events that released the caller's data, from the
 * store's disclosure index ({@link SubjectTrail}; time range and pagination as every trail). Patients
 * see their own; proxies name a {@code delegationId} that is in force, was registered by their
 * institution and names them as the proxy — anything else is 404.
 *
 * <p>A disclosure is recorded in the store transaction that decides which pointers are handed out, so
 * the trail lists exactly the events whose answer carried the subject's pointers. Reading never
 * registers anyone: a person the registry does not know has had nothing released.
 */
final class DisclosureHandlers {
    private final LedgerClient ledger;
    private final AuthRules auth;
    private final SubjectResolver subjects;
    private final SubjectTrail trail;
    private final Clock clock;

    DisclosureHandlers(final LedgerClient ledger, final AuthRules auth, final SubjectResolver subjects,
            final SubjectTrail trail, final Clock clock) {
        this.ledger = ledger;
        this.trail = trail;
        this.auth = auth;
        this.subjects = subjects;
        this.clock = clock;
    }

    @OpenApi(path = "/api/v1/me/disclosures", methods = HttpMethod.GET, summary = "Who accessed my data, when and why", tags = "Access", security = @OpenApiSecurity(name = "BearerAuth"), queryParams = {@OpenApiParam(name = "delegationId"), @OpenApiParam(name = "from"), @OpenApiParam(name = "to"), @OpenApiParam(name = "pageSize"), @OpenApiParam(name = "bookmark")}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void list(final Context ctx) throws LedgerException {
        final Principal principal = auth.requireRole(ctx, UserRole.PATIENT, UserRole.PROXY);
        final String delegationId = ctx.queryParam("delegationId");
        if (principal.role() == UserRole.PROXY && delegationId == null) {
            throw ApiException.badRequest("delegationId", "is required for proxies");
        }
        if (principal.role() == UserRole.PATIENT && delegationId != null) {
            throw ApiException.badRequest("delegationId", "is only for proxies");
        }
        if (delegationId != null && !Fields.ID.matcher(delegationId).matches()) {
            throw ApiException.badRequest("delegationId", "must be an identifier of letters, digits and . _ : -");
        }
        final TrailQuery query = TrailQuery.of(ctx);
        final Optional<String> self = self(principal);
        final Optional<String> subjectRef = principal.role() == UserRole.PATIENT ? self
                : represented(principal, self, delegationId);
        if (subjectRef.isEmpty()) {
            ctx.json(Map.of("items", java.util.List.of(), "bookmark", ""));
            return;
        }
        LedgerJson.respond(ctx, 200, trail.page(subjectRef.get(), query));
    }

    private Optional<String> self(final Principal principal) {
        if (!SubjectResolver.PATIENT_ID.matcher(principal.subject()).matches()) {
            throw ApiException.unauthorized("the token's subject is not a usable person identifier");
        }
        return subjects.find(principal.institution(), principal.subject());
    }

    /** The subject a proxy represents under {@code delegationId}, or 404 when the delegation is not theirs or not in force. */
    private Optional<String> represented(final Principal principal, final Optional<String> proxyRef, final String delegationId)
            throws LedgerException {
        if (proxyRef.isEmpty()) {
            throw ApiException.notFound("delegation " + delegationId);
        }
        final byte[] payload;
        try {
            payload = ledger.evaluate(Callers.of(principal), "delegations:GetDelegation", delegationId);
        } catch (LedgerException.Rejected e) {
            throw ApiException.notFound("delegation " + delegationId);
        }
        final DelegationRecord record = CanonicalJson.parse(new String(payload, StandardCharsets.UTF_8), DelegationRecord.class);
        if (!record.delegation().proxyRef().equals(proxyRef.get()) || !record.recordedBy().equals(principal.institution())
                || !record.inForceAt(clock.instant())) {
            throw ApiException.notFound("delegation " + delegationId);
        }
        return Optional.of(record.delegation().subjectRef());
    }
}
