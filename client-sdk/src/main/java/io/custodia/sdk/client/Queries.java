package io.custodia.sdk.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Path and query helpers shared by the area implementations. */
final class Queries {
    private Queries() {}

    /** {@code prefix} followed by the percent-encoded {@code id}; rejects blank IDs before any request. */
    static String path(final String prefix, final String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("an ID must not be blank");
        }
        return prefix + HttpTransport.encode(id);
    }

    static Map<String, String> page(final PageRequest page) {
        Objects.requireNonNull(page, "page");
        final Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("pageSize", Integer.toString(page.pageSize()));
        parameters.put("bookmark", page.bookmark());
        return parameters;
    }

    /** A JSON array, or the {@code items} of a page object (the contract leaves some listings' shape open). */
    static <T> List<T> list(final HttpTransport transport, final JsonNode answer, final Class<T> type)
            throws CustodiaProtocolException {
        final JsonNode array = answer.isArray() ? answer : answer.get("items");
        if (array == null || !array.isArray()) {
            throw new CustodiaProtocolException(200, "expected a list of " + type.getSimpleName() + ", got " + answer.getNodeType(), null);
        }
        final List<T> items = new ArrayList<>();
        try {
            for (final JsonNode item : array) {
                items.add(transport.json().treeToValue(item, type));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CustodiaProtocolException(200, "cannot read a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
        return List.copyOf(items);
    }
}
