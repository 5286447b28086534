package io.custodia.canonical;

/**
 * Read access to the stored nodes of an RFC 6962 tree: the root of every <em>perfect</em> subtree
 * that is complete, addressed by {@code (level, index)}: level 0 holds the leaf hashes, and node
 * {@code (level, index)} is the root over leaves {@code [index * 2^level, (index + 1) * 2^level)}.
 *
 * <p>A log keeps these nodes durably so that {@link MerkleProofs} reads {@code O(log n)} of them per
 * proof and never recomputes a subtree.
 */
@FunctionalInterface
public interface MerkleNodes {
    /** The stored hash of perfect node {@code (level, index)}; the caller asks only for complete ones. */
    byte[] node(int level, long index);
}
