package io.custodia.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.custodia.canonical.InvalidJsonException;
import io.javalin.http.Context;

/**
 * Strict request-body parsing: unknown members, wrong types and missing bodies become 400 with the
 * field path, before anything is written.
 */
public final class Bodies {
    private static final ObjectMapper STRICT = GatewayApp.jsonMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private Bodies() {}

    public static <T> T read(final Context ctx, final Class<T> type) {
        final String body = ctx.body();
        if (body.isBlank()) {
            throw ApiException.badRequest("$", "a JSON body is required");
        }
        try {
            final T value = STRICT.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("$", "a JSON object is required");
            }
            return value;
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof InvalidJsonException invalid) {
                throw ApiException.badRequest(path(e, invalid.field()), invalid.reason());
            }
            if (e.getCause() instanceof ApiException api) {
                throw api;
            }
            throw ApiException.badRequest(path(e, null), e.getCause() == null ? "is invalid" : e.getCause().getMessage());
        } catch (MismatchedInputException e) {
            throw ApiException.badRequest(path(e, null), e.getPath().isEmpty() ? "the body has the wrong shape" : "has the wrong type or is not allowed");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("$", "the body is not valid JSON");
        }
    }

    /** The body as a JSON tree, for members passed on to the chaincode verbatim (which validates them itself). */
    public static JsonNode tree(final Context ctx) {
        return read(ctx, JsonNode.class);
    }

    static String path(final com.fasterxml.jackson.databind.JsonMappingException e, final String leaf) {
        final StringBuilder out = new StringBuilder();
        for (final com.fasterxml.jackson.databind.JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (leaf != null && !leaf.equals("$")) {
            out.append(out.length() == 0 ? "" : ".").append(leaf);
        }
        return out.length() == 0 ? "$" : out.toString();
    }
}
