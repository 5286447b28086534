package io.custodia.sdk.client;

/**
 * A derivation edge: {@code child} was derived from {@code parent} by {@code transformation}.
 *
 * <pre>{@code
 * graph.edges().forEach(e -> System.out.println(e.parent() + " -> " + e.child()));
 * }</pre>
 *
 * @param parent parent dataset
 * @param child derived dataset
 * @param transformation what was applied
 */
public record LineageEdge(String parent, String child, Transformation transformation) {}
