package io.custodia.canonical;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * RFC 6962 Merkle tree hashing: leaves {@code SHA-256(0x00 || data)}, nodes
 * {@code SHA-256(0x01 || left || right)}, split at the largest power of two below the leaf count.
 * The empty tree hashes to {@code SHA-256("")}.
 *
 * <p>The domain prefixes stop a leaf from being passed off as an inner node (second-preimage
 * attacks), and the RFC's split keeps roots stable and proofs logarithmic for any leaf count.
 */
public final class MerkleTree {
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private MerkleTree() {}

    public static byte[] leafHash(final byte[] data) {
        final MessageDigest digest = Hashes.newSha256();
        digest.update(LEAF_PREFIX);
        digest.update(data);
        return digest.digest();
    }

    public static byte[] nodeHash(final byte[] left, final byte[] right) {
        return nodeHash(Hashes.newSha256(), left, right);
    }

    /** {@link #nodeHash(byte[], byte[])} with a digest the caller reuses (proof verification hashes ~log n nodes). */
    static byte[] nodeHash(final MessageDigest digest, final byte[] left, final byte[] right) {
        digest.reset();
        digest.update(NODE_PREFIX);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** Root over leaf hashes already computed with {@link #leafHash(byte[])}, in order. */
    public static byte[] rootOfLeafHashes(final List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return Hashes.sha256(new byte[0]);
        }
        return subtreeRoot(leafHashes, 0, leafHashes.size());
    }

    /**
     * Root of a set of strings: the UTF-8 bytes of each distinct value are a leaf, in sorted order.
     * Used for the set of subjects released by an access decision.
     */
    public static String rootOfStringSet(final Collection<String> values) {
        final List<byte[]> leaves = new ArrayList<>(values.size());
        for (final String value : new TreeSet<>(values)) {
            leaves.add(leafHash(value.getBytes(StandardCharsets.UTF_8)));
        }
        return Hashes.hex(rootOfLeafHashes(leaves));
    }

    private static byte[] subtreeRoot(final List<byte[]> leaves, final int from, final int to) {
        final int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        final int k = Integer.highestOneBit(n - 1);
        return nodeHash(subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
    }
}
