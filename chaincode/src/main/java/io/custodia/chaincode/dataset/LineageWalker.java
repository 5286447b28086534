package io.custodia.chaincode.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Walks derivation links breadth-first from one dataset, with a visited set, in sorted order.
 *
 * <p>Upwards a node's neighbours are the parents named in its own record; downwards they are the
 * {@code LINEAGE_CHILD} index entries under it. {@code BOTH} is the union of the upward and the
 * downward walk from the start — ancestors and descendants, not siblings or cousins, which would
 * make "BOTH" the whole connected component. Lineage is acyclic by construction (a parent must
 * exist before its child is registered and a dataset ID is never reused), but the visited set
 * keeps the walk finite regardless.
 */
final class LineageWalker {
    /** Largest {@code maxDepth} accepted. */
    static final int MAX_DEPTH = 16;
    /** Most nodes one directional walk collects; keeps an evaluate bounded on a very wide graph. */
    static final int MAX_NODES = 1000;

    private final DatasetRepository datasets;

    LineageWalker(final DatasetRepository datasets) {
        this.datasets = datasets;
    }

    LineageGraph walk(final DatasetRecord start, final LineageDirection direction, final int maxDepth) {
        final TreeMap<String, DatasetRecord> nodes = new TreeMap<>();
        final TreeSet<LineageEdge> edges = new TreeSet<>(LineageEdge.ORDER);
        boolean truncated = false;
        if (direction.up()) {
            truncated |= walk(start, true, maxDepth, nodes, edges);
        }
        if (direction.down()) {
            truncated |= walk(start, false, maxDepth, nodes, edges);
        }
        final List<LineageNode> nodeList = new ArrayList<>();
        nodes.values().forEach(r -> nodeList.add(LineageNode.of(r)));
        return new LineageGraph(start.datasetId(), direction, maxDepth, nodeList, new ArrayList<>(edges), truncated);
    }

    /** One directional walk into {@code nodes} and {@code edges}; true if it stopped with more to see. */
    private boolean walk(final DatasetRecord start, final boolean up, final int maxDepth,
            final TreeMap<String, DatasetRecord> nodes, final TreeSet<LineageEdge> edges) {
        final TreeMap<String, DatasetRecord> visited = new TreeMap<>();
        visited.put(start.datasetId(), start);
        boolean truncated = false;
        List<DatasetRecord> frontier = List.of(start);
        for (int depth = 0; !frontier.isEmpty(); depth++) {
            final boolean boundary = depth == maxDepth;
            final List<DatasetRecord> next = new ArrayList<>();
            for (final DatasetRecord node : frontier) {
                for (final String neighbourId : neighbours(node, up)) {
                    DatasetRecord neighbour = visited.get(neighbourId);
                    if (neighbour == null) {
                        if (boundary || visited.size() >= MAX_NODES) {
                            truncated = true;
                            continue;
                        }
                        neighbour = datasets.find(neighbourId).orElseThrow(() -> new IllegalStateException(
                                "lineage names missing dataset " + neighbourId));
                        visited.put(neighbourId, neighbour);
                        next.add(neighbour);
                    }
                    edges.add(up ? edge(neighbour, node) : edge(node, neighbour));
                }
            }
            next.sort(Comparator.comparing(DatasetRecord::datasetId));
            frontier = boundary ? List.of() : next;
        }
        nodes.putAll(visited);
        return truncated;
    }

    private List<String> neighbours(final DatasetRecord node, final boolean up) {
        if (up) {
            final Derivation derivation = node.descriptor().derivation();
            return derivation == null ? List.of() : derivation.parents();
        }
        return datasets.children(node.datasetId());
    }

    private static LineageEdge edge(final DatasetRecord parent, final DatasetRecord child) {
        return new LineageEdge(parent.datasetId(), child.datasetId(), child.descriptor().derivation().transformation());
    }
}
