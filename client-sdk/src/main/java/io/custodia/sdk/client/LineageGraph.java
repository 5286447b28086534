package io.custodia.sdk.client;

import java.util.List;

/**
 * Answer of {@code GET /api/v1/datasets/{id}/lineage}.
 *
 * <pre>{@code
 * LineageGraph g = client.datasets().lineage("ds-001", "BOTH", 5);
 * if (g.truncated()) System.out.println("deeper than 5 levels");
 * }</pre>
 *
 * @param datasetId starting dataset
 * @param direction {@code UP}, {@code DOWN} or {@code BOTH}
 * @param maxDepth depth walked
 * @param nodes datasets reached
 * @param edges derivations between them
 * @param truncated whether {@code maxDepth} cut the walk short
 */
public record LineageGraph(String datasetId, String direction, int maxDepth, List<LineageNode> nodes,
        List<LineageEdge> edges, boolean truncated) {
    public LineageGraph {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
    }
}
