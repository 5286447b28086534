package io.custodia.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodia.canonical.CanonicalJson;
import io.custodia.chaincode.support.Page;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a page's bookmark is replaced by the sealed one on its way to the client ({@link PageRequest#sealed}). */
class PageRequestTest {
    private static final String LEDGER_BOOKMARK = "ACCESS_BY_DATASET\u0001ds-1\u00010000000000000000005\u0001ev-\"1\"";
    private final PageRequest request = new PageRequest(10, "", "binding".getBytes(StandardCharsets.UTF_8), new Pages(new byte[32]));

    @Test
    void replaces_the_leading_bookmark_and_keeps_the_items_byte_for_byte() throws Exception {
        String page = new String(CanonicalJson.toBytes(new Page<>(List.of(Map.of("id", "a \u0001 \"b\"")), LEDGER_BOOKMARK)),
                StandardCharsets.UTF_8);

        String sealed = new String(request.sealed(page.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        JsonNode tree = new ObjectMapper().readTree(sealed);
        assertThat(tree.path("bookmark").asText()).matches("[A-Za-z0-9_-]{40,}").doesNotContain("ACCESS");
        assertThat(sealed).doesNotContain("ds-1").doesNotContain("ev-");
        assertThat(sealed.substring(sealed.indexOf(",\"items\""))).isEqualTo(page.substring(page.indexOf(",\"items\"")));
    }

    @Test
    void an_empty_bookmark_stays_empty_on_the_last_page() {
        byte[] page = CanonicalJson.toBytes(new Page<>(List.of(Map.of("id", "a")), ""));

        assertThat(request.sealed(page)).isEqualTo(page);
    }

    @Test
    void seals_a_bookmark_that_does_not_lead_the_page_too() throws Exception {
        byte[] page = "{\"items\":[{\"id\":\"a\"}],\"bookmark\":\"CONSENT_BY_SUBJECT\\u0001x\"}".getBytes(StandardCharsets.UTF_8);

        JsonNode tree = new ObjectMapper().readTree(request.sealed(page));

        assertThat(tree.path("bookmark").asText()).matches("[A-Za-z0-9_-]{40,}");
        assertThat(tree.path("items").get(0).path("id").asText()).isEqualTo("a");
    }

    @Test
    void two_seals_of_one_bookmark_differ_but_neither_shows_it() {
        byte[] page = CanonicalJson.toBytes(new Page<>(List.of(), LEDGER_BOOKMARK));

        String first = new String(request.sealed(page), StandardCharsets.UTF_8);
        String second = new String(request.sealed(page), StandardCharsets.UTF_8);

        assertThat(first).isNotEqualTo(second).doesNotContain("\\u0001");
    }
}
