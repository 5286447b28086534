package io.custodia.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Proofs of the production code against an independent, naive transcription of RFC 6962 §2.1
 * (MTH, PATH, PROOF/SUBPROOF over the list of leaves), which uses its own SHA-256 and no production code.
 */
class MerkleProofsTest {
    private static final int MAX = 300;
    private static final List<byte[]> LEAVES = leaves(MAX);

    @Test
    void every_inclusion_proof_up_to_300_leaves_equals_the_rfc_path_and_verifies() {
        for (int n = 1; n <= MAX; n++) {
            final MerkleNodes nodes = perfectNodes(LEAVES.subList(0, n));
            final byte[] root = Naive.mth(LEAVES.subList(0, n));
            assertThat(MerkleProofs.rootHash(nodes, n)).as("root of %d", n).isEqualTo(root);
            for (int m = 0; m < n; m++) {
                final List<byte[]> proof = MerkleProofs.inclusionProof(nodes, m, n);

                assertThat(proof).as("path(%d, %d)", m, n).usingElementComparator(Arrays::compare)
                        .containsExactlyElementsOf(Naive.path(m, LEAVES.subList(0, n)));
                assertThat(MerkleProofs.verifyInclusion(LEAVES.get(m), m, n, proof, root)).isTrue();
            }
        }
    }

    @Test
    void every_consistency_proof_up_to_300_leaves_from_every_smaller_size_equals_the_rfc_proof_and_verifies() {
        final MerkleNodes nodes = perfectNodes(LEAVES);
        final byte[][] roots = new byte[MAX + 1][];
        for (int n = 1; n <= MAX; n++) {
            roots[n] = Naive.mth(LEAVES.subList(0, n));
        }
        for (int n = 1; n <= MAX; n++) {
            final byte[] root2 = roots[n];
            for (int m = 1; m <= n; m++) {
                final List<byte[]> proof = MerkleProofs.consistencyProof(nodes, m, n);

                assertThat(proof).as("proof(%d, %d)", m, n).usingElementComparator(Arrays::compare)
                        .containsExactlyElementsOf(Naive.proof(m, LEAVES.subList(0, n)));
                assertThat(MerkleProofs.verifyConsistency(m, n, roots[m], root2, proof))
                        .as("verify(%d, %d)", m, n).isTrue();
            }
        }
    }

    @Test
    void a_changed_hash_a_wrong_index_or_a_wrong_size_fails_verification() {
        final Random random = new Random(6962);
        final MerkleNodes nodes = perfectNodes(LEAVES);
        for (int i = 0; i < 2000; i++) {
            final int n = 2 + random.nextInt(MAX - 1);
            final int m = random.nextInt(n);
            final byte[] root = Naive.mth(LEAVES.subList(0, n));
            final List<byte[]> proof = MerkleProofs.inclusionProof(nodes, m, n);
            final int other = (m + 1 + random.nextInt(n - 1)) % n;

            assertThat(MerkleProofs.verifyInclusion(LEAVES.get(m), other, n, proof, root)).as("index %d for %d", other, m).isFalse();
            assertThat(MerkleProofs.verifyInclusion(LEAVES.get(other), m, n, proof, root)).isFalse();
            // (A different tree size can give the same path shape; the signed checkpoint binds the size.)
            assertThat(MerkleProofs.verifyInclusion(LEAVES.get(m), m, 2 * n + 1, proof, root)).isFalse();
            if (!proof.isEmpty()) {
                assertThat(MerkleProofs.verifyInclusion(LEAVES.get(m), m, n, flipOne(proof, random), root)).isFalse();
                assertThat(MerkleProofs.verifyInclusion(LEAVES.get(m), m, n, proof.subList(1, proof.size()), root)).isFalse();
            }

            final int from = 1 + random.nextInt(n - 1);
            final byte[] root1 = Naive.mth(LEAVES.subList(0, from));
            final List<byte[]> consistency = MerkleProofs.consistencyProof(nodes, from, n);
            assertThat(MerkleProofs.verifyConsistency(from, n, root1, root, consistency)).isTrue();
            assertThat(MerkleProofs.verifyConsistency(from, n, root1, root, flipOne(consistency, random))).isFalse();
            assertThat(MerkleProofs.verifyConsistency(from, n, root, root1, consistency)).isFalse();
            assertThat(MerkleProofs.verifyConsistency(from, n, root1, root, List.of())).isFalse();
            final byte[] forked = Naive.mth(replaced(LEAVES.subList(0, n), random.nextInt(from)));
            assertThat(MerkleProofs.verifyConsistency(from, n, root1, forked, consistency)).as("history rewritten").isFalse();
        }
    }

    @Test
    void random_pairs_in_a_large_tree_agree_with_the_rfc() {
        final Random random = new Random(9162);
        final List<byte[]> leaves = leaves(5000);
        final MerkleNodes nodes = perfectNodes(leaves);
        for (int i = 0; i < 100; i++) {
            final int n = 1 + random.nextInt(leaves.size());
            final int m = 1 + random.nextInt(n);
            assertThat(MerkleProofs.consistencyProof(nodes, m, n)).usingElementComparator(Arrays::compare)
                    .containsExactlyElementsOf(Naive.proof(m, leaves.subList(0, n)));
            final int leaf = random.nextInt(n);
            assertThat(MerkleProofs.inclusionProof(nodes, leaf, n)).usingElementComparator(Arrays::compare)
                    .containsExactlyElementsOf(Naive.path(leaf, leaves.subList(0, n)));
        }
    }

    @Test
    void the_empty_tree_hashes_to_the_hash_of_nothing_and_is_consistent_with_everything() {
        assertThat(MerkleProofs.rootHash((l, i) -> null, 0)).isEqualTo(Naive.sha256(new byte[0]));
        assertThat(MerkleProofs.consistencyProof(perfectNodes(LEAVES), 0, 10)).isEmpty();
        assertThat(MerkleProofs.verifyConsistency(0, 10, Naive.sha256(new byte[0]), Naive.mth(LEAVES.subList(0, 10)), List.of()))
                .isTrue();
    }

    private static List<byte[]> flipOne(final List<byte[]> proof, final Random random) {
        final List<byte[]> copy = new ArrayList<>();
        proof.forEach(p -> copy.add(p.clone()));
        copy.get(random.nextInt(copy.size()))[random.nextInt(32)] ^= 1;
        return copy;
    }

    private static List<byte[]> replaced(final List<byte[]> leaves, final int index) {
        final List<byte[]> copy = new ArrayList<>(leaves);
        copy.set(index, Naive.leaf(("forged " + index).getBytes(StandardCharsets.UTF_8)));
        return copy;
    }

    private static List<byte[]> leaves(final int n) {
        final List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Naive.leaf(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** The stored nodes of a log: every complete perfect subtree, hashed naively. */
    private static MerkleNodes perfectNodes(final List<byte[]> leaves) {
        return (level, index) -> {
            final long width = 1L << level;
            final int from = Math.toIntExact(index * width);
            assertThat(from + width).as("node (%d, %d) is complete", level, index).isLessThanOrEqualTo(leaves.size());
            return Naive.mth(leaves.subList(from, Math.toIntExact(from + width)));
        };
    }

    /** RFC 6962 §2.1, word for word. */
    private static final class Naive {
        static byte[] sha256(final byte[] data) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(data);
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }

        static byte[] leaf(final byte[] data) {
            final byte[] in = new byte[data.length + 1];
            System.arraycopy(data, 0, in, 1, data.length);
            return sha256(in);
        }

        static byte[] node(final byte[] left, final byte[] right) {
            final byte[] in = new byte[65];
            in[0] = 1;
            System.arraycopy(left, 0, in, 1, 32);
            System.arraycopy(right, 0, in, 33, 32);
            return sha256(in);
        }

        /** k: the largest power of two smaller than n. */
        static int k(final int n) {
            int k = 1;
            while (k * 2 < n) {
                k *= 2;
            }
            return k;
        }

        /** MTH(D[n]) over leaf hashes (the RFC hashes entries; these are already leaf hashes). */
        static byte[] mth(final List<byte[]> d) {
            if (d.size() == 1) {
                return d.get(0);
            }
            final int k = k(d.size());
            return node(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
        }

        static List<byte[]> path(final int m, final List<byte[]> d) {
            final List<byte[]> out = new ArrayList<>();
            if (d.size() == 1) {
                return out;
            }
            final int k = k(d.size());
            if (m < k) {
                out.addAll(path(m, d.subList(0, k)));
                out.add(mth(d.subList(k, d.size())));
            } else {
                out.addAll(path(m - k, d.subList(k, d.size())));
                out.add(mth(d.subList(0, k)));
            }
            return out;
        }

        static List<byte[]> proof(final int m, final List<byte[]> d) {
            return m == d.size() ? List.of() : subproof(m, d, true);
        }

        static List<byte[]> subproof(final int m, final List<byte[]> d, final boolean b) {
            final List<byte[]> out = new ArrayList<>();
            final int n = d.size();
            if (m == n) {
                if (!b) {
                    out.add(mth(d));
                }
                return out;
            }
            final int k = k(n);
            if (m <= k) {
                out.addAll(subproof(m, d.subList(0, k), b));
                out.add(mth(d.subList(k, n)));
            } else {
                out.addAll(subproof(m - k, d.subList(k, n), false));
                out.add(mth(d.subList(0, k)));
            }
            return out;
        }
    }
}
