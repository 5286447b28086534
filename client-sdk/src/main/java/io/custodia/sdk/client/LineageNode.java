package io.custodia.sdk.client;

/**
 * A dataset in a lineage graph.
 *
 * <pre>{@code
 * graph.nodes().forEach(n -> System.out.println(n.datasetId() + " " + n.status()));
 * }</pre>
 *
 * @param datasetId dataset
 * @param owner owning MSP ID
 * @param status {@code ACTIVE} or {@code WITHDRAWN}
 * @param contentHash its root
 */
public record LineageNode(String datasetId, String owner, String status, String contentHash) {}
