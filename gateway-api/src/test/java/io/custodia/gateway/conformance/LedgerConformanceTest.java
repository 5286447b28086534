package io.custodia.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.custodia.gateway.testing.FabricTestNetwork;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs {@link ApiScenario} on the embedded ledger and, when {@code CUSTODIA_TEST_FABRIC_NETWORK} names a
 * running network, on Fabric with one gateway per institution; then compares the normalised results.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerConformanceTest {
    private static final Map<String, Transcript> TRANSCRIPTS = new ConcurrentHashMap<>();

    @Test
    @Order(1)
    void scenario_passes_on_the_embedded_ledger() throws Exception {
        try (Backend backend = Backend.embedded()) {

            TRANSCRIPTS.put(backend.name(), ApiScenario.run(backend));
        }
    }

    @Test
    @Order(2)
    void scenario_passes_on_the_fabric_network_with_one_gateway_per_institution() throws Exception {
        try (Backend backend = Backend.fabric(FabricTestNetwork.require())) {

            TRANSCRIPTS.put(backend.name(), ApiScenario.run(backend));
        }
    }

    @Test
    @Order(3)
    void fabric_results_match_the_embedded_ledgers() {
        assumeTrue(FabricTestNetwork.directory().isPresent(), FabricTestNetwork.SKIP_MESSAGE);
        final Transcript embedded = TRANSCRIPTS.get("embedded");
        final Transcript fabric = TRANSCRIPTS.get("fabric");
        assumeTrue(embedded != null && fabric != null, "both scenario runs must have passed first");

        assertThat(fabric.pretty()).isEqualTo(embedded.pretty());
    }
}
