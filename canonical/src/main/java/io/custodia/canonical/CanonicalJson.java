package io.custodia.canonical;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Canonical JSON: object keys sorted by UTF-16 code units (as RFC 8785), no insignificant
 * whitespace, null members omitted, no floating-point numbers.
 *
 * <p>Everything stored on the ledger, emitted as an event, hashed or signed goes through this class,
 * so the same value always has the same bytes. Parsing is strict: unknown or duplicate members,
 * trailing data, floats where integers are expected, nulls for primitives and any coercion between
 * scalar types ({@link StrictJson}) are rejected, with the
 * JSON path of the offending member in {@link InvalidJsonException#field()}.
 *
 * <p>Value classes bind through their fields and their (single, {@code @JsonCreator}) constructor,
 * so they need no setters or annotations per property:
 *
 * <pre>{@code
 * byte[] bytes = CanonicalJson.toBytes(record);
 * DatasetRecord back = CanonicalJson.parse(bytes, DatasetRecord.class);
 * }</pre>
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = StrictJson.apply(JsonMapper.builder())
            .addModule(new ParameterNamesModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .visibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
            .build();

    private CanonicalJson() {}

    /** Canonical UTF-8 bytes of {@code value}. */
    public static byte[] toBytes(final Object value) {
        return toString(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Canonical JSON text of {@code value}.
     *
     * @throws InvalidJsonException when the value holds a floating-point number (canonical JSON has
     *     none), with the path of the first one: values built from request members (JSON trees passed on
     *     to the chaincode) can hold one, and that is bad input, not a failure of the encoder
     */
    public static String toString(final Object value) {
        Objects.requireNonNull(value, "value");
        JsonNode tree = null;
        try {
            // Serialising through a tree re-sorts keys of nested maps and POJOs alike.
            tree = MAPPER.valueToTree(value);
            return MAPPER.writeValueAsString(sortedTree(tree));
        } catch (FloatingPointFound e) {
            throw new InvalidJsonException(floatPath(tree, "$"), "floating-point numbers have no canonical form; use an integer or a string");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getName() + " as canonical JSON", e);
        }
    }

    /** Thrown by {@link #sortedTree} on a floating-point number; the path is worked out only then. */
    private static final class FloatingPointFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FloatingPointFound() {
            super(null, null, false, false);
        }
    }

    /** Path of the first floating-point number in document order, as {@link #pathOf} writes paths. */
    private static String floatPath(final JsonNode node, final String path) {
        if (node.isFloatingPointNumber()) {
            return path;
        }
        if (node.isObject()) {
            for (final Map.Entry<String, JsonNode> member : node.properties()) {
                final String found = floatPath(member.getValue(), "$".equals(path) ? member.getKey() : path + "." + member.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                final String found = floatPath(node.get(i), ("$".equals(path) ? "" : path) + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Parses strictly into {@code type}.
     *
     * @throws InvalidJsonException when the text is not valid JSON for {@code type}
     */
    public static <T> T parse(final String json, final Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (json == null || json.isBlank()) {
            throw new InvalidJsonException("$", "a JSON document is required");
        }
        try {
            final T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new InvalidJsonException("$", "a JSON object is required");
            }
            requireWellFormedStrings(json);
            return value;
        } catch (JsonMappingException e) {
            final String path = pathOf(e);
            final Throwable root = rootCause(e);
            if (root instanceof InvalidJsonException) {
                // A value class rejected one of its own members: report that member's full path.
                final InvalidJsonException invalid = (InvalidJsonException) root;
                final String field = "$".equals(path) ? invalid.field() : path + "." + invalid.field();
                throw new InvalidJsonException(field, invalid.reason());
            }
            throw new InvalidJsonException(path, rootMessage(e));
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException("$", "malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** Parses UTF-8 bytes strictly into {@code type}. */
    public static <T> T parse(final byte[] json, final Class<T> type) {
        Objects.requireNonNull(json, "json");
        return parse(new String(json, StandardCharsets.UTF_8), type);
    }

    /**
     * Refuses strings (member names included) holding an unpaired UTF-16 surrogate, raw or escaped
     * ({@code "\\ud800"}): they are not Unicode text (RFC 8785 / I-JSON exclude them), and UTF-8 cannot
     * encode them, so {@link #toBytes} would silently turn them into {@code ?} and two different values
     * would share canonical bytes. Called on text that parsed, so it is well-formed JSON; the common
     * case, no escape and no surrogate at all, is one pass over the characters.
     */
    private static void requireWellFormedStrings(final String json) {
        int i = 0;
        while (i < json.length() && json.charAt(i) != '\\' && !Character.isSurrogate(json.charAt(i))) {
            i++;
        }
        if (i == json.length()) {
            return;
        }
        boolean inString = false;
        char pendingHigh = 0;
        for (i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (!inString) {
                inString = c == '"';
                continue;
            }
            if (c == '"') {
                if (pendingHigh != 0) {
                    throw unpairedSurrogate();
                }
                inString = false;
                continue;
            }
            if (c == '\\') {
                final char escaped = json.charAt(++i);
                if (escaped != 'u') {
                    c = escaped; // a one-character escape: never a surrogate
                } else {
                    c = hexEscape(json, i + 1);
                    i += 4;
                }
            }
            if (Character.isLowSurrogate(c) && pendingHigh == 0) {
                throw unpairedSurrogate();
            }
            if (pendingHigh != 0 && !Character.isLowSurrogate(c)) {
                throw unpairedSurrogate();
            }
            pendingHigh = Character.isHighSurrogate(c) ? c : 0;
        }
    }

    /**
     * The code unit of the four hex digits of a {@code \\u} escape at {@code from}. Jackson's parser
     * reads only the low byte of each digit character (it takes {@code \\u00e} followed by U+0261, whose
     * low byte is {@code a}, for {@code \\u00ea}), so the digits are checked here: JSON allows ASCII hex
     * digits only.
     */
    private static char hexEscape(final String json, final int from) {
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            final int digit = i < json.length() && json.charAt(i) < 128 ? Character.digit(json.charAt(i), 16) : -1;
            if (digit < 0) {
                throw new InvalidJsonException("$", "malformed \\u escape: JSON allows four ASCII hex digits only");
            }
            value = value * 16 + digit;
        }
        return (char) value;
    }

    private static InvalidJsonException unpairedSurrogate() {
        return new InvalidJsonException("$", "a string holds an unpaired UTF-16 surrogate, which is not Unicode text");
    }

    /**
     * The tree with object members sorted by key and null members dropped, rejecting floating-point
     * numbers. Subtrees already in that form are returned as they are, not copied: trees made from
     * POJOs come sorted (SORT_PROPERTIES_ALPHABETICALLY), and copying every node was a large share of
     * the cost of encoding a page of records.
     */
    private static JsonNode sortedTree(final JsonNode node) {
        if (node.isObject()) {
            final List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.size());
            node.properties().forEach(members::add);
            final JsonNode[] values = new JsonNode[members.size()];
            boolean unchanged = true;
            String previous = null;
            for (int i = 0; i < values.length; i++) {
                final Map.Entry<String, JsonNode> member = members.get(i);
                if (member.getValue().isNull()) {
                    unchanged = false;
                    continue;
                }
                values[i] = sortedTree(member.getValue());
                unchanged &= values[i] == member.getValue() && (previous == null || previous.compareTo(member.getKey()) < 0);
                previous = member.getKey();
            }
            if (unchanged) {
                return node;
            }
            final TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    sorted.put(members.get(i).getKey(), values[i]);
                }
            }
            final ObjectNode object = MAPPER.createObjectNode();
            sorted.forEach(object::set);
            return object;
        }
        if (node.isArray()) {
            final JsonNode[] elements = new JsonNode[node.size()];
            boolean unchanged = true;
            for (int i = 0; i < elements.length; i++) {
                elements[i] = sortedTree(node.get(i));
                unchanged &= elements[i] == node.get(i);
            }
            if (unchanged) {
                return node;
            }
            final ArrayNode array = MAPPER.createArrayNode();
            for (final JsonNode element : elements) {
                array.add(element);
            }
            return array;
        }
        if (node.isFloatingPointNumber()) {
            throw new FloatingPointFound();
        }
        return node;
    }

    private static String pathOf(final JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return "$";
        }
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".", "", ""))
                .replace(".[", "[");
    }

    private static Throwable rootCause(final Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String rootMessage(final JsonMappingException e) {
        final Throwable cause = rootCause(e);
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        final String message = e.getOriginalMessage();
        // Jackson's messages name Java types; keep only the first sentence for API clients.
        final int cut = message.indexOf(" at [Source");
        return (cut > 0 ? message.substring(0, cut) : message).split("\n")[0];
    }
}
