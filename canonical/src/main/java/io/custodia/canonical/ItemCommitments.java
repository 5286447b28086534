package io.custodia.canonical;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Per-subject item commitments: what a dataset owner publishes about which items belong to one
 * (pseudonymous) subject without revealing them, and the Merkle root over all of them.
 *
 * <p>{@code commitment = Hashes.tagged("custodia.item-commitment.v1", itemSalt, subjectRef, itemsRoot)}
 * where {@code itemSalt} is 32 random bytes kept off-chain, {@code subjectRef} is the 32 raw bytes of
 * the hex pseudonym and {@code itemsRoot} is the 32-byte Merkle root over the subject's items. The
 * random salt hides the items root from anyone who could guess the subject's files; erasing the salt
 * leaves the commitment unopenable. The SDK computes these on the owner's machine; the gateway
 * recomputes them from the off-chain salts when it must prove membership. See docs/hashing.md.
 *
 * <pre>{@code
 * byte[] c = ItemCommitments.commitment(itemSalt, subjectRef, itemsRoot);
 * String root = ItemCommitments.root(Map.of(subjectRef, c));
 * }</pre>
 */
public final class ItemCommitments {
    /** Domain tag of the commitment hash. */
    public static final String DOMAIN = "custodia.item-commitment.v1";
    /** Length in bytes of an item salt. */
    public static final int SALT_LENGTH = 32;

    private ItemCommitments() {}

    /** The commitment of one subject's items. */
    public static byte[] commitment(final byte[] itemSalt, final String subjectRef, final byte[] itemsRoot) {
        Objects.requireNonNull(itemSalt, "itemSalt");
        Objects.requireNonNull(itemsRoot, "itemsRoot");
        if (itemSalt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("item salt must be " + SALT_LENGTH + " bytes");
        }
        if (!Pseudonyms.isSubjectRef(subjectRef)) {
            throw new IllegalArgumentException("subjectRef must be 64 lower-case hex digits");
        }
        if (itemsRoot.length != 32) {
            throw new IllegalArgumentException("items root must be a 32-byte SHA-256 value");
        }
        return Hashes.tagged(DOMAIN, itemSalt, Hashes.fromHex(subjectRef), itemsRoot);
    }

    /**
     * The item-commitment root: RFC 6962 Merkle root whose leaves are the raw 32-byte commitments in
     * ascending order of their subject reference (lower-case hex, so byte order and string order agree).
     */
    public static String root(final SortedMap<String, byte[]> commitmentsBySubjectRef) {
        Objects.requireNonNull(commitmentsBySubjectRef, "commitmentsBySubjectRef");
        if (commitmentsBySubjectRef.comparator() != null) {
            // The order is part of the root; only natural string order is the documented one.
            throw new IllegalArgumentException("commitments must be in natural subjectRef order");
        }
        final List<byte[]> leaves = new ArrayList<>(commitmentsBySubjectRef.size());
        for (final Map.Entry<String, byte[]> entry : commitmentsBySubjectRef.entrySet()) {
            if (!Pseudonyms.isSubjectRef(entry.getKey())) {
                throw new IllegalArgumentException("subjectRef must be 64 lower-case hex digits");
            }
            if (entry.getValue().length != 32) {
                throw new IllegalArgumentException("a commitment is a 32-byte SHA-256 value");
            }
            leaves.add(MerkleTree.leafHash(entry.getValue()));
        }
        return Hashes.hex(MerkleTree.rootOfLeafHashes(leaves));
    }
}
