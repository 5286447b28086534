package io.custodia.gateway.federation;

import io.custodia.gateway.http.ApiRoutes;
import io.custodia.gateway.http.ProblemDocument;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /federation/v1/releases}: the gateway-to-gateway API. Outside {@code /api/v1}, so no user
 * token applies: the caller is authenticated by the signature of its institution's identity on the
 * request ({@link ReleaseAuthority}). Refusals are problem documents without pointers.
 */
public final class FederationRoutes implements ApiRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(FederationRoutes.class);

    private final ReleaseAuthority authority;

    public FederationRoutes(final ReleaseAuthority authority) {
        this.authority = authority;
    }

    @Override
    public void register(final Javalin app) {
        app.post(HttpReleaseTransport.PATH, this::release);
    }

    @OpenApi(path = "/federation/v1/releases", methods = HttpMethod.POST, summary = "Gateway to gateway: release a committed PERMIT's pointers to the requesting institution (signed request; answer encrypted to its key)", tags = "Federation", requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(type = "application/json")), responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "503", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void release(final Context ctx) {
        try {
            ctx.status(200).json(Map.of("sealed", authority.release(ctx.bodyAsBytes())));
        } catch (FederationException e) {
            LOG.warn("release request from {} refused: {} ({})", ctx.ip(), e.slug(), e.getMessage());
            final Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "/problems/" + e.slug());
            problem.put("title", e.slug().replace('-', ' '));
            problem.put("status", e.status());
            problem.put("detail", e.getMessage());
            problem.put("instance", ctx.path());
            if (e.retryable()) {
                ctx.header("Retry-After", Integer.toString(FederationConfig.RETRY_AFTER_SECONDS));
            }
            ctx.status(e.status()).contentType("application/problem+json").result(io.custodia.canonical.CanonicalJson.toString(problem));
        }
    }
}
