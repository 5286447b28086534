package io.custodia.sdk.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

final class HttpTransparencyLog implements TransparencyLog {
    private final HttpTransport transport;

    HttpTransparencyLog(final HttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public String checkpoint() throws CustodiaException {
        return new String(transport.exchange("GET", "/api/v1/log/checkpoint", Map.of(), null, IdempotencyKey.none()).body(),
                StandardCharsets.UTF_8);
    }

    @Override
    public String verifierKey() throws CustodiaException {
        final JsonNode key = transport.get("/api/v1/log/key", Map.of(), transport.type(JsonNode.class));
        return key.path("verifierKey").asText();
    }

    @Override
    public List<byte[]> consistencyProof(final long from, final long to) throws CustodiaException {
        final JsonNode proof = transport.get("/api/v1/log/proof/consistency",
                Map.of("from", Long.toString(from), "to", Long.toString(to)), transport.type(JsonNode.class));
        return hashes(proof.path("proof"));
    }

    @Override
    public List<byte[]> inclusionProof(final long leafIndex, final long treeSize) throws CustodiaException {
        final JsonNode proof = transport.get("/api/v1/log/proof/inclusion",
                Map.of("leafIndex", Long.toString(leafIndex), "treeSize", Long.toString(treeSize)), transport.type(JsonNode.class));
        return hashes(proof.path("proof"));
    }

    @Override
    public LeafProof inclusionProofOfEvent(final String eventId, final long treeSize) throws CustodiaException {
        final JsonNode proof = transport.get("/api/v1/log/proof/inclusion",
                Map.of("eventId", eventId, "treeSize", Long.toString(treeSize)), transport.type(JsonNode.class));
        return new LeafProof(proof.path("leafIndex").asLong(), decode(proof.path("leaf")), hashes(proof.path("proof")));
    }

    @Override
    public List<byte[]> leaves(final long start, final long end) throws CustodiaException {
        final JsonNode page = transport.get("/api/v1/log/entries",
                Map.of("start", Long.toString(start), "end", Long.toString(end)), transport.type(JsonNode.class));
        final List<byte[]> leaves = new ArrayList<>();
        for (final JsonNode row : page.path("entries")) {
            leaves.add(decode(row.path("leaf")));
        }
        return leaves;
    }

    @Override
    public void submitCosigned(final String note) throws CustodiaException {
        transport.exchangeText("POST", "/api/v1/log/cosignatures", note);
    }

    private static List<byte[]> hashes(final JsonNode array) throws CustodiaProtocolException {
        final List<byte[]> out = new ArrayList<>();
        for (final JsonNode hash : array) {
            out.add(decode(hash));
        }
        return out;
    }

    private static byte[] decode(final JsonNode value) throws CustodiaProtocolException {
        try {
            return Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw new CustodiaProtocolException(200, "the log answered a hash that is not base64", e);
        }
    }
}
