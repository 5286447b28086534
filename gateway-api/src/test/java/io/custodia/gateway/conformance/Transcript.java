package io.custodia.gateway.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The results of one scenario run, step by step, normalised so two backends can be compared: fields
 * that legitimately differ (transaction IDs, block numbers, timestamps) are dropped, the run's unique
 * suffix becomes {@code <run>}, ISO instants become {@code <time>}, and every 64-hex value (hashes,
 * pseudonyms — pseudonyms are per-gateway random) becomes {@code <hex-N>} numbered by first
 * appearance, so equal values stay equal and distinct ones distinct.
 */
final class Transcript {
    private static final Pattern DROPPED = Pattern.compile("(?i)(.*txid|.*At|blockNumber|height|headBlockHash|transactionCount|backend)");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    private static final Pattern HEX64 = Pattern.compile("(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])");

    private final String run;
    private final Map<String, String> hexTokens = new HashMap<>();
    private final ObjectNode steps = JsonNodeFactory.instance.objectNode();

    Transcript(final String run) {
        this.run = run;
    }

    void record(final String step, final int status, final JsonNode body) {
        final ObjectNode entry = steps.putObject(step);
        entry.put("status", status);
        entry.set("body", normalise(body));
    }

    JsonNode steps() {
        return steps;
    }

    String pretty() {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(steps);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode normalise(final JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isObject()) {
            final Map<String, JsonNode> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext();) {
                final Map.Entry<String, JsonNode> e = it.next();
                if (!DROPPED.matcher(e.getKey()).matches()) {
                    fields.put(e.getKey(), normalise(e.getValue()));
                }
            }
            final ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            final ArrayNode out = JsonNodeFactory.instance.arrayNode();
            final java.util.List<JsonNode> items = new java.util.ArrayList<>();
            node.forEach(item -> items.add(normalise(item)));
            // Lists of plain values (pseudonyms, IDs) are sorted by the chaincode by their raw value; pseudonyms
            // are per-gateway random, so their order is not comparable across backends — compare them as sets.
            if (items.stream().allMatch(JsonNode::isTextual)) {
                items.sort(java.util.Comparator.comparing(JsonNode::asText));
            }
            items.forEach(out::add);
            return out;
        }
        if (node.isTextual()) {
            return new TextNode(text(node.asText()));
        }
        return node;
    }

    private String text(final String value) {
        String v = value.replace(run, "<run>");
        v = INSTANT.matcher(v).replaceAll("<time>");
        final Matcher m = HEX64.matcher(v);
        final StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, hexTokens.computeIfAbsent(m.group(), h -> "<hex-" + (hexTokens.size() + 1) + ">"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
