package io.custodia.sdk.client;

import java.util.List;

/**
 * The gateway's transparency log ({@code /api/v1/log}, docs/transparency.md): signed checkpoints,
 * proofs and leaf entries. Hashes come back decoded; verify them with
 * {@link io.custodia.canonical.MerkleProofs} against a checkpoint you verified with the log key.
 *
 * <pre>{@code
 * SignedNote note = SignedNote.parse(client.log().checkpoint());
 * List<byte[]> proof = client.log().consistencyProof(oldSize, newSize);
 * }</pre>
 */
public interface TransparencyLog {
    /** The latest checkpoint as signed-note text (with the cosignatures the gateway holds). */
    String checkpoint() throws CustodiaException;

    /** The log's verifier key as the gateway reports it (compare with the one you trust; never trust it blindly). */
    String verifierKey() throws CustodiaException;

    List<byte[]> consistencyProof(long from, long to) throws CustodiaException;

    List<byte[]> inclusionProof(long leafIndex, long treeSize) throws CustodiaException;

    /** The leaf of access event {@code eventId} and its audit path in the tree of {@code treeSize} leaves. */
    LeafProof inclusionProofOfEvent(String eventId, long treeSize) throws CustodiaException;

    /**
     * A leaf, its index and its audit path.
     *
     * @param leafIndex index of the leaf
     * @param leaf the exact leaf bytes (canonical JSON entry)
     * @param proof audit path, leaf to root
     */
    record LeafProof(long leafIndex, byte[] leaf, List<byte[]> proof) {
        public LeafProof {
            leaf = leaf.clone();
            proof = List.copyOf(proof);
        }

        @Override
        public byte[] leaf() {
            return leaf.clone();
        }
    }

    /** Leaf bytes of {@code [start, end)} (auditors; at most 1000 a call). */
    List<byte[]> leaves(long start, long end) throws CustodiaException;

    /** Hands a cosigned checkpoint to the gateway, which keeps the cosignatures of witnesses it trusts. */
    void submitCosigned(String note) throws CustodiaException;
}
