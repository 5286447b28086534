package io.custodia.gateway.custody;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.http.ApiRoutes;
import io.custodia.gateway.http.Bodies;
import io.custodia.gateway.http.GatewayContext;
import io.custodia.gateway.http.Idempotency;
import io.custodia.gateway.http.LedgerJson;
import io.custodia.gateway.http.PageRequest;
import io.custodia.gateway.http.PathParams;
import io.custodia.gateway.ledger.Callers;
import io.custodia.gateway.ledger.Committed;
import io.custodia.gateway.http.ProblemDocument;
import io.javalin.Javalin;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import io.javalin.http.Context;

/**
 * Custody keys and hops. The hop's signature is made by the sender with its registered key over the
 * canonical hop statement (see docs/hashing.md); the chaincode verifies it, so the gateway passes the
 * hop through and only checks its shape.
 */
public final class CustodyRoutes implements ApiRoutes {
    private static final int MAX_PEM_CHARS = 16 * 1024;

    private final GatewayContext gw;

    public CustodyRoutes(final GatewayContext gw) {
        this.gw = gw;
    }

    @Override
    public void register(final Javalin app) {
        app.post("/api/v1/custody-keys", this::registerKey);
        app.get("/api/v1/datasets/{datasetId}/custody/head", this::head);
        app.post("/api/v1/datasets/{datasetId}/custody-hops", this::recordHop);
        app.get("/api/v1/datasets/{datasetId}/custody", this::chain);
        app.get("/api/v1/datasets/{datasetId}/custody/verification", this::verify);
    }

    /** Body of {@code POST /api/v1/custody-keys}. */
    public record KeyRequest(String certificatePem) {}

    @OpenApi(path = "/api/v1/custody-keys", methods = HttpMethod.POST, summary = "Register the institution's custody signing certificate", tags = "Custody", security = @OpenApiSecurity(name = "BearerAuth"), requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = KeyRequest.class)), responses = {@OpenApiResponse(status = "201", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "409", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    private void registerKey(final Context ctx) throws Exception {
        final Principal principal = gw.auth().requireInstitution(ctx);
        final KeyRequest request = Bodies.read(ctx, KeyRequest.class);
        if (request.certificatePem() == null || request.certificatePem().isBlank() || request.certificatePem().length() > MAX_PEM_CHARS) {
            throw ApiException.badRequest("certificatePem", "must be one PEM X.509 certificate (EC P-256)");
        }
        gw.idempotency().respond(ctx, principal, null, () -> {
            final Committed committed = gw.ledger().submit(Callers.of(principal), "custody:RegisterCustodyKey", request.certificatePem());
            ctx.header("X-Transaction-Id", committed.txId());
            return new Idempotency.Outcome(201, LedgerJson.tree(committed.payload()));
        });
    }

    @OpenApi(path = "/api/v1/datasets/{datasetId}/custody/head", methods = HttpMethod.GET, summary = "Current custody head: next sequence, last hop hash, holders", tags = "Custody", security = @OpenApiSecurity(name = "BearerAuth"), pathParams = {@OpenApiParam(name = "datasetId", required = true)}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    private void head(final Context ctx) throws Exception {
        final Principal principal = gw.auth().requireAuditorOrInstitution(ctx);
        LedgerJson.respond(ctx, 200, gw.ledger().evaluate(Callers.of(principal), "custody:GetCustodyHead", PathParams.id(ctx, "datasetId")));
    }

    @OpenApi(path = "/api/v1/datasets/{datasetId}/custody-hops", methods = HttpMethod.POST, summary = "Record a signed custody hop", tags = "Custody", security = @OpenApiSecurity(name = "BearerAuth"), pathParams = {@OpenApiParam(name = "datasetId", required = true)}, responses = {@OpenApiResponse(status = "201", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "409", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    private void recordHop(final Context ctx) throws Exception {
        final Principal principal = gw.auth().requireInstitution(ctx);
        final String datasetId = PathParams.id(ctx, "datasetId");
        final ObjectNode hop = (ObjectNode) requireObject(Bodies.tree(ctx));
        if (hop.has("datasetId") && !datasetId.equals(hop.get("datasetId").asText())) {
            throw ApiException.badRequest("datasetId", "must match the dataset in the path (or be omitted)");
        }
        hop.put("datasetId", datasetId);
        gw.idempotency().respond(ctx, principal, null, () -> {
            final Committed committed = gw.ledger().submit(Callers.of(principal), "custody:RecordCustodyHop", LedgerJson.argument(hop));
            ctx.header("X-Transaction-Id", committed.txId());
            return new Idempotency.Outcome(201, LedgerJson.tree(committed.payload()));
        });
    }

    @OpenApi(path = "/api/v1/datasets/{datasetId}/custody", methods = HttpMethod.GET, summary = "Custody chain with sender certificates", tags = "Custody", security = @OpenApiSecurity(name = "BearerAuth"), pathParams = {@OpenApiParam(name = "datasetId", required = true)}, queryParams = {@OpenApiParam(name = "pageSize"), @OpenApiParam(name = "bookmark")}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    private void chain(final Context ctx) throws Exception {
        final Principal principal = gw.auth().requireAuditorOrInstitution(ctx);
        final String datasetId = PathParams.id(ctx, "datasetId");
        final PageRequest page = gw.pages().read(ctx, principal, "datasets/custody", datasetId);
        page.respond(ctx, gw.ledger().evaluate(Callers.of(principal), "custody:GetCustodyChain",
                datasetId, page.size(), page.bookmark()));
    }

    @OpenApi(path = "/api/v1/datasets/{datasetId}/custody/verification", methods = HttpMethod.GET, summary = "Re-verify the custody chain on the ledger", tags = "Custody", security = @OpenApiSecurity(name = "BearerAuth"), pathParams = {@OpenApiParam(name = "datasetId", required = true)}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    private void verify(final Context ctx) throws Exception {
        final Principal principal = gw.auth().requireAuditorOrInstitution(ctx);
        LedgerJson.respond(ctx, 200, gw.ledger().evaluate(Callers.of(principal), "custody:VerifyCustodyChain", PathParams.id(ctx, "datasetId")));
    }

    private static com.fasterxml.jackson.databind.JsonNode requireObject(final com.fasterxml.jackson.databind.JsonNode node) {
        if (!node.isObject()) {
            throw ApiException.badRequest("$", "a JSON object is required");
        }
        return node;
    }

}
