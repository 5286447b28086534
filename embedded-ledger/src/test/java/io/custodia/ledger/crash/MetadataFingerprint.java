package io.custodia.ledger.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.canonical.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * A fingerprint of the shim's contract metadata that ignores member and list order: the shim builds the
 * document from hash maps, so two routers with the same contracts can print it in different orders.
 */
final class MetadataFingerprint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetadataFingerprint() {}

    static String of(final byte[] metadata) {
        try {
            return Hashes.sha256Hex(JSON.writeValueAsBytes(normalised(JSON.readTree(metadata))));
        } catch (IOException e) {
            throw new UncheckedIOException("contract metadata is not JSON", e);
        }
    }

    private static JsonNode normalised(final JsonNode node) throws IOException {
        if (node.isObject()) {
            final TreeMap<String, JsonNode> members = new TreeMap<>();
            for (final var field : node.properties()) {
                members.put(field.getKey(), normalised(field.getValue()));
            }
            final ObjectNode out = JsonNodeFactory.instance.objectNode();
            members.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            final List<String> elements = new ArrayList<>();
            for (final JsonNode element : node) {
                elements.add(JSON.writeValueAsString(normalised(element)));
            }
            elements.sort(Comparator.naturalOrder());
            final ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (final String element : elements) {
                out.add(JSON.readTree(element));
            }
            return out;
        }
        return node;
    }
}
