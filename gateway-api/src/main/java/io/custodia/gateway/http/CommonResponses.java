package io.custodia.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.openapi.plugin.DefinitionProcessor;
import java.util.Map;

/**
 * Adds to the OpenAPI document the answers that every route can give because of what runs before its
 * handler, so the routes' annotations list only their own: 429 from the rate limiter on every
 * {@code /api/v1} route and on {@code /dev/tokens}; 401 and 503 (the identity provider's keys, or the
 * ledger, unavailable) on every route that needs a token; 413 and 415 on every route that takes a body. It also names the media type
 * problem documents are really sent with ({@link ErrorMapper#PROBLEM_JSON}): the annotation processor
 * writes {@code application/json} whatever the annotation says.
 */
final class CommonResponses implements DefinitionProcessor {
    private static final String PROBLEM_SCHEMA = "#/components/schemas/ProblemDocument";

    @Override
    public String process(final ObjectNode document) {
        for (final Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (final JsonNode op : path.getValue()) {
                if (op instanceof ObjectNode operation && operation.has("responses")) {
                    complete(path.getKey(), operation);
                }
            }
        }
        return document.toPrettyString();
    }

    private static void complete(final String path, final ObjectNode operation) {
        final ObjectNode responses = (ObjectNode) operation.get("responses");
        responses.forEach(CommonResponses::problemMediaType);
        if (path.startsWith("/api/v1/") || path.equals("/dev/tokens")) {
            addIfAbsent(responses, "429", "Too many requests from this caller or address; retry after Retry-After seconds");
        }
        if (operation.path("security").size() > 0) {
            addIfAbsent(responses, "401", "Missing, expired or invalid bearer token");
            addIfAbsent(responses, "503", "The ledger or the identity provider's keys are unavailable; retry after Retry-After seconds");
        }
        if (operation.has("requestBody")) {
            addIfAbsent(responses, "413", "Request body larger than the gateway accepts");
            addIfAbsent(responses, "415", "Request body not declared Content-Type: application/json");
        }
    }

    private static void addIfAbsent(final ObjectNode responses, final String status, final String description) {
        if (!responses.has(status)) {
            final ObjectNode response = responses.putObject(status).put("description", description);
            response.putObject("content").putObject(ErrorMapper.PROBLEM_JSON).putObject("schema").put("$ref", PROBLEM_SCHEMA);
        }
    }

    /** A response whose only content is a problem document under application/json moves to problem+json. */
    private static void problemMediaType(final JsonNode response) {
        final JsonNode content = response.path("content");
        final JsonNode json = content.path("application/json");
        if (content.size() == 1 && PROBLEM_SCHEMA.equals(json.path("schema").path("$ref").asText())) {
            final ObjectNode media = (ObjectNode) content;
            media.set(ErrorMapper.PROBLEM_JSON, media.remove("application/json"));
        }
    }
}
