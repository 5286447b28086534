package io.custodia.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * Chaincode responses are canonical JSON already: pass them through unchanged, or read them as a
 * tree when the gateway adds to them.
 */
public final class LedgerJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LedgerJson() {}

    public static void respond(final Context ctx, final int status, final byte[] payload) {
        ctx.status(status).contentType("application/json").result(payload);
    }

    public static JsonNode tree(final byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("the chaincode answered with invalid JSON", e);
        }
    }

    /** Canonical JSON text of an API-supplied tree, as a chaincode argument. */
    public static String argument(final JsonNode node) {
        return io.custodia.canonical.CanonicalJson.toString(node);
    }
}
