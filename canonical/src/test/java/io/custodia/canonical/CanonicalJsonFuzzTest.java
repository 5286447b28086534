package io.custodia.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Fuzzes canonical JSON: any text either parses or is refused with {@link InvalidJsonException} (never
 * another exception); what parses encodes to text that parses back to the same value (null members
 * dropped), encoding is idempotent, and the UTF-8 bytes decode to the same text. Trees holding a
 * floating-point number have no canonical form: encoding them fails with {@link InvalidJsonException}
 * naming the number's path, as documented (requests can carry them into encoded values). Regression inputs: {@code src/test/resources/io/custodia/canonical/CanonicalJsonFuzzTestInputs}.
 */
class CanonicalJsonFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void any_text_parses_and_round_trips_or_is_refused_as_invalid_json(final byte[] input) {
        final String text = new String(input, StandardCharsets.UTF_8);
        final JsonNode tree;
        try {
            tree = CanonicalJson.parse(text, JsonNode.class);
        } catch (InvalidJsonException refused) {
            assertThat(refused.field()).isNotNull();
            assertThat(refused.reason()).isNotNull();
            return;
        }
        if (hasFloat(tree)) {
            assertThatThrownBy(() -> CanonicalJson.toString(tree)).isInstanceOfSatisfying(InvalidJsonException.class,
                    e -> assertThat(e.field()).isNotEmpty());
            return;
        }

        final String once = CanonicalJson.toString(tree);
        final JsonNode back = CanonicalJson.parse(once, JsonNode.class);
        final byte[] bytes = CanonicalJson.toBytes(back);

        assertThat(back).isEqualTo(withoutNullMembers(tree));
        assertThat(CanonicalJson.toString(back)).isEqualTo(once);
        assertThat(CanonicalJson.parse(bytes, JsonNode.class)).isEqualTo(back);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(once);
    }

    private static boolean hasFloat(final JsonNode node) {
        if (node.isFloatingPointNumber()) {
            return true;
        }
        for (final JsonNode child : node) {
            if (hasFloat(child)) {
                return true;
            }
        }
        return false;
    }

    /** What canonical JSON keeps of a tree: null object members are omitted (array elements are not). */
    private static JsonNode withoutNullMembers(final JsonNode node) {
        if (node.isObject()) {
            final ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (final Map.Entry<String, JsonNode> member : node.properties()) {
                if (!member.getValue().isNull()) {
                    out.set(member.getKey(), withoutNullMembers(member.getValue()));
                }
            }
            return out;
        }
        if (node.isArray()) {
            final ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(withoutNullMembers(element)));
            return out;
        }
        return node;
    }
}
