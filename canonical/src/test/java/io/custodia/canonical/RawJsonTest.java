package io.custodia.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawJsonTest {
    @Test
    void embedded_canonical_text_encodes_exactly_like_the_value_it_came_from() {
        final Map<String, Object> record = new LinkedHashMap<>();
        record.put("z", List.of(3, "é\u2028"));
        record.put("a", Map.of("y", true, "b", "x\"y"));
        final byte[] stored = CanonicalJson.toBytes(record);
        final Map<String, Object> parsedPage = new LinkedHashMap<>();
        parsedPage.put("items", List.of(record, record));
        parsedPage.put("bookmark", "k\u0001");
        final Map<String, Object> rawPage = new LinkedHashMap<>();
        rawPage.put("items", List.of(RawJson.of(stored), RawJson.of(stored)));
        rawPage.put("bookmark", "k\u0001");

        final String fromRaw = CanonicalJson.toString(rawPage);

        assertThat(fromRaw).isEqualTo(CanonicalJson.toString(parsedPage));
        assertThat(new String(stored, StandardCharsets.UTF_8)).startsWith("{\"a\":");
    }
}
