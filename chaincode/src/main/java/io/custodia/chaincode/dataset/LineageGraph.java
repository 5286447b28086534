package io.custodia.chaincode.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * The result of {@code GetLineage}: nodes sorted by dataset ID, edges sorted by (parent, child), and
 * whether the walk stopped at {@code maxDepth} or at {@link LineageWalker#MAX_NODES} with more to see.
 */
public final class LineageGraph {
    private final String datasetId;
    private final LineageDirection direction;
    private final int maxDepth;
    private final List<LineageNode> nodes;
    private final List<LineageEdge> edges;
    private final boolean truncated;

    @JsonCreator
    public LineageGraph(final String datasetId, final LineageDirection direction, final int maxDepth,
            final List<LineageNode> nodes, final List<LineageEdge> edges, final boolean truncated) {
        this.datasetId = datasetId;
        this.direction = direction;
        this.maxDepth = maxDepth;
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.truncated = truncated;
    }

    /** The dataset the walk started from. */
    public String datasetId() {
        return datasetId;
    }

    public LineageDirection direction() {
        return direction;
    }

    public int maxDepth() {
        return maxDepth;
    }

    public List<LineageNode> nodes() {
        return nodes;
    }

    public List<LineageEdge> edges() {
        return edges;
    }

    public boolean truncated() {
        return truncated;
    }
}
