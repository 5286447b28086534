package io.custodia.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.custodia.canonical.InvalidJsonException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict request bodies, before anything is written: a body must be declared JSON (415 otherwise) and
 * arrive whole (400 when it ends before its {@code Content-Length}); unknown or duplicate members,
 * wrong types (no coercion from strings or booleans), fractional numbers, numbers out of range and
 * trailing data become 400 with the field path. The parsing rules are those of
 * {@link GatewayApp#jsonMapper()}.
 */
public final class Bodies {
    private static final ObjectMapper STRICT = GatewayApp.jsonMapper();
    /** {@code application/json} or a structured-syntax {@code +json} type (RFC 6839), e.g. merge-patch. */
    private static final Pattern JSON_MEDIA_TYPE = Pattern.compile("application/(?:json|[a-z0-9!#$&^_.-]+\\+json)");
    private static final Pattern TEXT_MEDIA_TYPE = Pattern.compile("text/plain");

    /**
     * The routes whose body is a C2SP signed note (text/plain, UTF-8) rather than JSON: a witness hands
     * in a cosigned checkpoint as the note itself, byte for byte (docs/transparency.md).
     */
    private static final Set<String> SIGNED_NOTE_ROUTES = Set.of("/api/v1/log/cosignatures");

    private Bodies() {}

    /**
     * Before-handler of every route: a request that carries a body must declare it JSON, and the body is
     * read here, so a body that stops short of its {@code Content-Length} fails as 400 after the
     * connection's idle timeout instead of in whichever handler reads it first.
     */
    public static void requireJson(final Context ctx) {
        final boolean hasBody = ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
        if (!hasBody) {
            return;
        }
        final String declared = ctx.contentType();
        if (!isJson(declared) && !(SIGNED_NOTE_ROUTES.contains(ctx.path()) && isUtf8Text(declared))) {
            throw new ApiException(415, "unsupported-media-type", "Unsupported media type",
                    declared == null
                            ? "a request body needs Content-Type: application/json"
                            : "request bodies must be application/json (UTF-8), not " + declared,
                    List.of(), Map.of());
        }
        try {
            ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            throw e; // 413 from Javalin's size limit
        } catch (Exception e) {
            // Jetty's idle timeout or a client that went away mid-body: an IOException, which Javalin
            // (Kotlin) throws undeclared, hence the broad catch. Nothing of the request was used yet.
            throw new ApiException(400, "incomplete-body", "Incomplete request body",
                    "the request body ended before its Content-Length, or stopped arriving", List.of(), Map.of());
        }
    }

    static boolean isUtf8Text(final String contentType) {
        return isUtf8(contentType, TEXT_MEDIA_TYPE);
    }

    static boolean isJson(final String contentType) {
        return isUtf8(contentType, JSON_MEDIA_TYPE);
    }

    /** {@code contentType} is of {@code mediaType} and, if it names a charset, UTF-8. */
    private static boolean isUtf8(final String contentType, final Pattern mediaType) {
        if (contentType == null) {
            return false;
        }
        final String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!mediaType.matcher(parts[0].trim()).matches()) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            final String parameter = parts[i].trim();
            // RFC 8259 §8.1: JSON between systems is UTF-8; a body declared otherwise is not read as UTF-8.
            if (parameter.startsWith("charset=") && !parameter.substring(8).replace("\"", "").equals("utf-8")) {
                return false;
            }
        }
        return true;
    }

    public static <T> T read(final Context ctx, final Class<T> type) {
        final JsonNode tree = tree(ctx);
        if (type == JsonNode.class) {
            return type.cast(tree);
        }
        try {
            final T value = STRICT.treeToValue(tree, type);
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
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof InputCoercionException) {
                throw ApiException.badRequest(path(e, null), "is out of range");
            }
            throw ApiException.badRequest(path(e, null), "has the wrong type or is not allowed");
        } catch (InputCoercionException e) {
            throw ApiException.badRequest("$", "a number is out of range");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("$", "the body is not valid JSON");
        }
    }

    /**
     * The body as a JSON tree, for members passed on to the chaincode verbatim (which validates them
     * itself). Fractional numbers are refused here with their path: no API member takes one, and
     * canonical JSON has no form for them.
     */
    public static JsonNode tree(final Context ctx) {
        final String body = ctx.body();
        if (body.isBlank()) {
            throw ApiException.badRequest("$", "a JSON body is required");
        }
        final JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("$", e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate")
                    ? "the body has a duplicate member: " + e.getOriginalMessage()
                    : "the body is not valid JSON");
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw ApiException.badRequest("$", "a JSON object is required");
        }
        rejectFractions(tree, "");
        return tree;
    }

    private static void rejectFractions(final JsonNode node, final String at) {
        if (node.isFloatingPointNumber()) {
            throw ApiException.badRequest(at.isEmpty() ? "$" : at, "must be an integer (this API takes no fractional or exponent numbers)");
        }
        if (node.isObject()) {
            for (final Map.Entry<String, JsonNode> member : node.properties()) {
                rejectFractions(member.getValue(), at.isEmpty() ? member.getKey() : at + "." + member.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectFractions(node.get(i), at + "[" + i + "]");
            }
        }
    }

    static String path(final JsonMappingException e, final String leaf) {
        final StringBuilder out = new StringBuilder();
        for (final JsonMappingException.Reference ref : e.getPath()) {
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
