package io.custodia.canonical;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * RFC 6962 audit paths and consistency proofs: generation over stored perfect-subtree nodes (RFC
 * 6962 §2.1.1 {@code PATH} and §2.1.2 {@code PROOF}/{@code SUBPROOF}) and verification with the
 * iterative algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2, which need nothing but the proof.
 *
 * <pre>{@code
 * List<byte[]> path = MerkleProofs.inclusionProof(nodes, leafIndex, treeSize);
 * boolean ok = MerkleProofs.verifyInclusion(leafHash, leafIndex, treeSize, path, rootHash);
 * }</pre>
 *
 * <p>Generation reads {@code O(log n)} nodes: every subtree the recursion meets is either perfect
 * (one stored node) or lies on the right edge of the tree, and there is one such edge.
 */
public final class MerkleProofs {
    private MerkleProofs() {}

    /** Root of the first {@code size} leaves; {@code SHA-256("")} for the empty tree. */
    public static byte[] rootHash(final MerkleNodes nodes, final long size) {
        if (size < 0) {
            throw new IllegalArgumentException("tree size must not be negative");
        }
        return size == 0 ? Hashes.sha256(new byte[0]) : subtreeHash(nodes, 0, size);
    }

    /** The audit path of leaf {@code leafIndex} in the tree of the first {@code treeSize} leaves. */
    public static List<byte[]> inclusionProof(final MerkleNodes nodes, final long leafIndex, final long treeSize) {
        Objects.requireNonNull(nodes, "nodes");
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " is not in a tree of size " + treeSize);
        }
        final List<byte[]> path = new ArrayList<>();
        path(nodes, leafIndex, 0, treeSize, path);
        return path;
    }

    /** The proof that the tree of size {@code from} is a prefix of the tree of size {@code to}. */
    public static List<byte[]> consistencyProof(final MerkleNodes nodes, final long from, final long to) {
        Objects.requireNonNull(nodes, "nodes");
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("need 0 <= from <= to, got from=" + from + " to=" + to);
        }
        final List<byte[]> proof = new ArrayList<>();
        if (from > 0 && from < to) {
            subproof(nodes, from, 0, to, true, proof);
        }
        return proof;
    }

    // RFC 6962 PATH(m, D[start:end]), appended leaf-to-root.
    private static void path(final MerkleNodes nodes, final long m, final long start, final long end,
            final List<byte[]> out) {
        final long n = end - start;
        if (n == 1) {
            return;
        }
        final long k = splitPoint(n);
        if (m - start < k) {
            path(nodes, m, start, start + k, out);
            out.add(subtreeHash(nodes, start + k, end));
        } else {
            path(nodes, m, start + k, end, out);
            out.add(subtreeHash(nodes, start, start + k));
        }
    }

    // RFC 6962 SUBPROOF(m, D[start:end], b), with m counted from start.
    private static void subproof(final MerkleNodes nodes, final long m, final long start, final long end,
            final boolean complete, final List<byte[]> out) {
        final long n = end - start;
        if (m == n) {
            if (!complete) {
                out.add(subtreeHash(nodes, start, end));
            }
            return;
        }
        final long k = splitPoint(n);
        if (m <= k) {
            subproof(nodes, m, start, start + k, complete, out);
            out.add(subtreeHash(nodes, start + k, end));
        } else {
            subproof(nodes, m - k, start + k, end, false, out);
            out.add(subtreeHash(nodes, start, start + k));
        }
    }

    // MTH(D[start:end]) where start is a multiple of the largest power of two <= end - start, as every
    // subtree of the RFC's recursion is.
    private static byte[] subtreeHash(final MerkleNodes nodes, final long start, final long end) {
        final long n = end - start;
        if (Long.bitCount(n) == 1) {
            final int level = Long.numberOfTrailingZeros(n);
            return nodes.node(level, start >>> level);
        }
        final long k = splitPoint(n);
        return MerkleTree.nodeHash(subtreeHash(nodes, start, start + k), subtreeHash(nodes, start + k, end));
    }

    /** The largest power of two smaller than {@code n} (n >= 2). */
    static long splitPoint(final long n) {
        return Long.highestOneBit(n - 1);
    }

    /** RFC 9162 §2.1.3.2: whether {@code proof} proves {@code leafHash} at {@code leafIndex} under {@code rootHash}. */
    public static boolean verifyInclusion(final byte[] leafHash, final long leafIndex, final long treeSize,
            final List<byte[]> proof, final byte[] rootHash) {
        if (leafHash == null || proof == null || rootHash == null || leafIndex < 0 || leafIndex >= treeSize) {
            return false;
        }
        final MessageDigest digest = Hashes.newSha256();
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (final byte[] p : proof) {
            if (p == null || p.length != 32 || sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.nodeHash(digest, p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = MerkleTree.nodeHash(digest, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, rootHash);
    }

    /**
     * RFC 9162 §2.1.4.2: whether {@code proof} proves the tree {@code (size1, root1)} is a prefix of
     * {@code (size2, root2)}. Equal sizes need an empty proof and equal roots.
     */
    public static boolean verifyConsistency(final long size1, final long size2, final byte[] root1, final byte[] root2,
            final List<byte[]> proof) {
        if (root1 == null || root2 == null || proof == null || size1 < 0 || size2 < size1) {
            return false;
        }
        if (size1 == size2) {
            return proof.isEmpty() && MessageDigest.isEqual(root1, root2);
        }
        if (size1 == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        for (final byte[] p : proof) {
            if (p == null || p.length != 32) {
                return false;
            }
        }
        final List<byte[]> path = new ArrayList<>(proof.size() + 1);
        if (Long.bitCount(size1) == 1) {
            path.add(root1);
        }
        path.addAll(proof);
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        final MessageDigest digest = Hashes.newSha256();
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (int i = 1; i < path.size(); i++) {
            final byte[] c = path.get(i);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleTree.nodeHash(digest, c, fr);
                sr = MerkleTree.nodeHash(digest, c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = MerkleTree.nodeHash(digest, sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, root1) && MessageDigest.isEqual(sr, root2);
    }
}
