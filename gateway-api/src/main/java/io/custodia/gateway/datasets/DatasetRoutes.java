package io.custodia.gateway.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.canonical.CanonicalJson;
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
import io.custodia.gateway.outbox.OutboxRunner;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/datasets} and {@code /api/v1/subjects/pseudonyms}. Institutions register, withdraw
 * and pseudonymise; institutions and auditors read.
 */
public final class DatasetRoutes implements ApiRoutes {
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9][a-z0-9._:/+-]{0,127}");
    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_PSEUDONYMS = 10_000;

    private final GatewayContext gw;
    private final DatasetRegistration registration;

    public DatasetRoutes(final GatewayContext gw, final OutboxRunner outbox) {
        this.gw = gw;
        this.registration = new DatasetRegistration(gw.ledger(), gw.store(), outbox);
        outbox.register(registration.operation());
    }

    @Override
    public void register(final Javalin app) {
        app.post("/api/v1/subjects/pseudonyms", this::pseudonymise);
        app.post("/api/v1/datasets", this::registerDataset);
        app.get("/api/v1/datasets", this::list);
        app.get("/api/v1/datasets/{datasetId}", this::get);
        app.get("/api/v1/datasets/{datasetId}/history", this::history);
        app.get("/api/v1/datasets/{datasetId}/lineage", this::lineage);
        app.post("/api/v1/datasets/{datasetId}/withdrawal", this::withdraw);
    }

    /** Request body of {@code POST /api/v1/subjects/pseudonyms}. */
    public record PseudonymRequest(List<String> patientIds) {}

    @OpenApi(path = "/api/v1/subjects/pseudonyms", methods = HttpMethod.POST, summary = "Pseudonymise patient identifiers through the subject registry", tags = "Subjects", security = @OpenApiSecurity(name = "BearerAuth"), requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = PseudonymRequest.class)), responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    private void pseudonymise(final Context ctx) {
        final Principal principal = gw.auth().requireInstitution(ctx);
        final PseudonymRequest request = Bodies.read(ctx, PseudonymRequest.class);
        if (request.patientIds() == null || request.patientIds().isEmpty() || request.patientIds().size() > MAX_PSEUDONYMS) {
            throw ApiException.badRequest("patientIds", "must list 1 to " + MAX_PSEUDONYMS + " patient identifiers");
        }
        final List<ApiException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < request.patientIds().size(); i++) {
            try {
                io.custodia.gateway.subjects.SubjectResolver.checkPatientId("patientIds[" + i + "]", request.patientIds().get(i));
            } catch (ApiException e) {
                errors.addAll(e.fieldErrors());
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        final List<String> refs = request.patientIds().stream()
                .map(id -> gw.subjects().registerOrGet(principal.institution(), id))
                .toList();
        ctx.json(Map.of("subjectRefs", refs));
    }

    @OpenApi(path = "/api/v1/datasets", methods = HttpMethod.POST, summary = "Register a de-identified dataset (descriptor on-chain, pointers off-chain)", tags = "Datasets", security = @OpenApiSecurity(name = "BearerAuth"), requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = RegisterDatasetRequest.class)), responses = {@OpenApiResponse(status = "201", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "409", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "422", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "503", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    private void registerDataset(final Context ctx) throws Exception {
        final Principal principal = gw.auth().requireInstitution(ctx);
        final RegisterDatasetRequest request = Bodies.read(ctx, RegisterDatasetRequest.class);
        final RegistrationCheck.ValidRegistration valid = RegistrationCheck.validate(request);
        final boolean retry = ctx.header(Idempotency.HEADER) != null;
        gw.idempotency().respond(ctx, principal, null, () -> {
            final DatasetRegistration.Registered registered = registration.register(Callers.of(principal), valid, retry);
            ctx.header("Location", "/api/v1/datasets/" + valid.descriptor().datasetId());
            ctx.header("X-Transaction-Id", registered.txId());
            return new Idempotency.Outcome(201, registered.record());
        });
    }

    @OpenApi(path = "/api/v1/datasets/{datasetId}", methods = HttpMethod.GET, summary = "Read a dataset record", tags = "Datasets", security = @OpenApiSecurity(name = "BearerAuth"), pathParams = {@OpenApiParam(name = "datasetId", required = true)}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    private void get(final Context ctx) throws Exception {
        final Principal principal = gw.auth().requireAuditorOrInstitution(ctx);
        LedgerJson.respond(ctx, 200, gw.ledger().evaluate(Callers.of(principal), "datasets:GetDataset", PathParams.id(ctx, "datasetId")));
    }

    @OpenApi(path = "/api/v1/datasets/{datasetId}/history", methods = HttpMethod.GET, summary = "Every version of a dataset record", tags = "Datasets", security = @OpenApiSecurity(name = "BearerAuth"), pathParams = {@OpenApiParam(name = "datasetId", required = true)}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    private void history(final Context ctx) throws Exception {
        final Principal principal = gw.auth().requireAuditorOrInstitution(ctx);
        LedgerJson.respond(ctx, 200, gw.ledger().evaluate(Callers.of(principal), "datasets:GetDatasetHistory", PathParams.id(ctx, "datasetId")));
    }

    @OpenApi(path = "/api/v1/datasets/{datasetId}/lineage", methods = HttpMethod.GET, summary = "Lineage graph up and/or down", tags = "Datasets", security = @OpenApiSecurity(name = "BearerAuth"), pathParams = {@OpenApiParam(name = "datasetId", required = true)}, queryParams = {@OpenApiParam(name = "direction"), @OpenApiParam(name = "maxDepth")}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    private void lineage(final Context ctx) throws Exception {
        final Principal principal = gw.auth().requireAuditorOrInstitution(ctx);
        final String direction = ctx.queryParamAsClass("direction", String.class).getOrDefault("BOTH");
        if (!List.of("UP", "DOWN", "BOTH").contains(direction)) {
            throw ApiException.badRequest("direction", "must be UP, DOWN or BOTH");
        }
        final int depth = ctx.queryParamAsClass("maxDepth", Integer.class)
                .check(d -> d >= 1 && d <= 16, "must be between 1 and 16").getOrDefault(4);
        LedgerJson.respond(ctx, 200, gw.ledger().evaluate(Callers.of(principal), "datasets:GetLineage",
                PathParams.id(ctx, "datasetId"), direction, Integer.toString(depth)));
    }

    @OpenApi(path = "/api/v1/datasets", methods = HttpMethod.GET, summary = "List datasets with filters and bookmark pagination", tags = "Datasets", security = @OpenApiSecurity(name = "BearerAuth"), queryParams = {@OpenApiParam(name = "owner"), @OpenApiParam(name = "tag"), @OpenApiParam(name = "format"), @OpenApiParam(name = "status"), @OpenApiParam(name = "pageSize"), @OpenApiParam(name = "bookmark")}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    private void list(final Context ctx) throws Exception {
        final Principal principal = gw.auth().requireAuditorOrInstitution(ctx);
        final Map<String, String> filter = new TreeMap<>();
        filterParam(ctx, filter, "owner", MSP_ID, "an MSP ID");
        filterParam(ctx, filter, "tag", TOKEN, "a lower-case tag such as clinical-context:icu");
        filterParam(ctx, filter, "format", Pattern.compile("[A-Z]{2,16}"), "a format such as DICOM");
        filterParam(ctx, filter, "status", Pattern.compile("ACTIVE|WITHDRAWN"), "ACTIVE or WITHDRAWN");
        final String filterJson = CanonicalJson.toString(filter);
        final PageRequest page = gw.pages().read(ctx, principal, "datasets", filterJson);
        page.respond(ctx, gw.ledger().evaluate(Callers.of(principal), "datasets:ListDatasets",
                filterJson, page.size(), page.bookmark()));
    }

    /** Body of {@code POST /api/v1/datasets/{id}/withdrawal}. */
    public record WithdrawalRequest(String reason) {}

    @OpenApi(path = "/api/v1/datasets/{datasetId}/withdrawal", methods = HttpMethod.POST, summary = "Withdraw an own dataset", tags = "Datasets", security = @OpenApiSecurity(name = "BearerAuth"), pathParams = {@OpenApiParam(name = "datasetId", required = true)}, requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = WithdrawalRequest.class)), responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "409", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    private void withdraw(final Context ctx) throws Exception {
        final Principal principal = gw.auth().requireInstitution(ctx);
        final String datasetId = PathParams.id(ctx, "datasetId");
        final WithdrawalRequest request = Bodies.read(ctx, WithdrawalRequest.class);
        if (request.reason() == null || !TOKEN.matcher(request.reason()).matches()) {
            throw ApiException.badRequest("reason", "must be a lower-case reason token such as consent-withdrawn");
        }
        gw.idempotency().respond(ctx, principal, null, () -> {
            final Committed committed = gw.ledger().submit(Callers.of(principal), "datasets:WithdrawDataset", datasetId, request.reason());
            ctx.header("X-Transaction-Id", committed.txId());
            return new Idempotency.Outcome(200, LedgerJson.tree(committed.payload()));
        });
    }


    private static void filterParam(final Context ctx, final Map<String, String> filter, final String name,
            final Pattern pattern, final String what) {
        final String value = ctx.queryParam(name);
        if (value == null) {
            return;
        }
        if (!pattern.matcher(value).matches()) {
            throw ApiException.badRequest(name, "must be " + what);
        }
        filter.put(name, value);
    }

}
