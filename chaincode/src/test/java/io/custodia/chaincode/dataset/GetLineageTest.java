package io.custodia.chaincode.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Graph used throughout (edges point from parent to child):
 *
 * <pre>
 *   a ──▶ b ──▶ d ──▶ e
 *   └───▶ c ──▶ d
 *   x ──▶ c          s (sibling of b: a ──▶ s)
 * </pre>
 */
class GetLineageTest {
    private final ChaincodeFixture ledger = new ChaincodeFixture();

    @BeforeEach
    void build_graph() {
        root("a");
        root("x");
        derive("b", "a");
        derive("s", "a");
        derive("c", "a", "x");
        derive("d", "b", "c");
        derive("e", "d");
        assertThat(ledger.submit(ChaincodeFixture.org2(), "datasets:WithdrawDataset", "s", "quality-issue").ok()).isTrue();
    }

    @Test
    void walks_down_to_all_descendants_with_sorted_nodes_and_edges() {
        LineageGraph graph = lineage("a", "DOWN", 16);

        assertThat(nodes(graph)).containsExactly("a", "b", "c", "d", "e", "s");
        assertThat(edges(graph)).containsExactly("a>b", "a>c", "a>s", "b>d", "c>d", "d>e");
        assertThat(graph.truncated()).isFalse();
        assertThat(graph.nodes().stream().filter(n -> n.datasetId().equals("s")).findFirst().orElseThrow().status())
                .isEqualTo(DatasetStatus.WITHDRAWN);
        assertThat(graph.edges().get(0).transformation().name()).isEqualTo("tool-b");
    }

    @Test
    void walks_up_to_all_ancestors_without_siblings() {
        LineageGraph graph = lineage("d", "UP", 16);

        assertThat(nodes(graph)).containsExactly("a", "b", "c", "d", "x");
        assertThat(edges(graph)).containsExactly("a>b", "a>c", "b>d", "c>d", "x>c");
        assertThat(graph.nodes().get(0).contentHash()).isEqualTo(Samples.hash("content-a"));
        assertThat(graph.nodes().get(0).owner()).isEqualTo("Org1MSP");
    }

    @Test
    void both_directions_are_the_union_of_ancestors_and_descendants() {
        LineageGraph graph = lineage("c", "BOTH", 16);

        assertThat(nodes(graph)).containsExactly("a", "c", "d", "e", "x");
        assertThat(edges(graph)).containsExactly("a>c", "c>d", "d>e", "x>c");
    }

    @Test
    void stops_at_max_depth_and_says_the_graph_is_truncated() {
        LineageGraph graph = lineage("a", "DOWN", 1);

        assertThat(nodes(graph)).containsExactly("a", "b", "c", "s");
        assertThat(edges(graph)).containsExactly("a>b", "a>c", "a>s");
        assertThat(graph.truncated()).isTrue();
        assertThat(lineage("e", "UP", 3).truncated()).isFalse();
        assertThat(lineage("e", "UP", 2).truncated()).isTrue();
    }

    @Test
    void an_original_dataset_without_children_is_a_single_node() {
        LineageGraph graph = lineage("e", "DOWN", 4);

        assertThat(nodes(graph)).containsExactly("e");
        assertThat(graph.edges()).isEmpty();
    }

    @Test
    void rejects_bad_direction_and_depth_unknown_datasets_and_callers_without_role() {
        assertThat(call(ChaincodeFixture.org1(), "a", "SIDEWAYS", "2").message()).startsWith("direction:");
        assertThat(call(ChaincodeFixture.org1(), "a", "UP", "0").message()).startsWith("maxDepth:");
        assertThat(call(ChaincodeFixture.org1(), "a", "UP", "17").message()).startsWith("maxDepth:");
        assertThat(call(ChaincodeFixture.org1(), "a", "UP", "two").message()).startsWith("maxDepth:");
        assertThat(call(ChaincodeFixture.org1(), "nope", "UP", "2").errorCode()).isEqualTo("NOT_FOUND");
        assertThat(call(ChaincodeFixture.org1WithoutRole(), "a", "UP", "2").errorCode()).isEqualTo("ROLE_FORBIDDEN");
        assertThat(call(ChaincodeFixture.auditor(), "a", "UP", "2").ok()).isTrue();
    }

    @Test
    void answers_with_byte_identical_json_on_two_ledgers() {
        GetLineageTest other = new GetLineageTest();
        other.build_graph();

        assertThat(call(ChaincodeFixture.org2(), "c", "BOTH", "16").payload())
                .isEqualTo(other.call(ChaincodeFixture.org2(), "c", "BOTH", "16").payload());
    }

    private void root(final String id) {
        assertThat(ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDataset", Samples.datasetJson(id), "[]").ok()).isTrue();
    }

    private void derive(final String id, final String... parents) {
        TxResult result = ledger.submit(ChaincodeFixture.org2(), "datasets:RegisterDerivedDataset",
                DatasetSamples.derivedJson(id, "tool-" + id, parents), "[]");
        assertThat(result.ok()).as(result.toString()).isTrue();
    }

    private TxResult call(final io.custodia.ledger.identity.Identity caller, final String id, final String direction, final String depth) {
        return ledger.evaluate(caller, "datasets:GetLineage", id, direction, depth);
    }

    private LineageGraph lineage(final String id, final String direction, final int depth) {
        TxResult result = call(ChaincodeFixture.org1(), id, direction, String.valueOf(depth));
        assertThat(result.ok()).as(result.toString()).isTrue();
        return result.payloadAs(LineageGraph.class);
    }

    private static List<String> nodes(final LineageGraph graph) {
        return graph.nodes().stream().map(LineageNode::datasetId).collect(Collectors.toList());
    }

    private static List<String> edges(final LineageGraph graph) {
        return graph.edges().stream().map(e -> e.parent() + ">" + e.child()).collect(Collectors.toList());
    }
}
