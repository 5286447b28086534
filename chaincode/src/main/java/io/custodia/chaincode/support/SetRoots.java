package io.custodia.chaincode.support;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.custodia.canonical.MerkleTree;
import java.util.List;

/**
 * {@link MerkleTree#rootOfStringSet} memoised by the exact list of values.
 *
 * <p>Why: an access decision commits to the subjects it releases by their RFC 6962 root — 100 leaf
 * and 99 node hashes for a 100-subject PERMIT, 3% of its CPU — while consecutive decisions on a
 * dataset release the same subjects until a consent or an erasure changes them. The lookup is cheap
 * for exactly that case: the released refs are the instances of the dataset's memoised subject list,
 * whose hash codes are cached and which compare equal by identity. A root is a function of the values
 * only, so what the memo holds never changes a result (chaincode must be deterministic).
 */
public final class SetRoots {
    /** Values held across all keys (references; the strings are mostly shared with decoded subject lists). */
    private static final long MAX_VALUES = 200_000;

    private static final Cache<List<String>, String> MEMO = Caffeine.newBuilder()
            .maximumWeight(MAX_VALUES)
            .weigher((List<String> values, String root) -> values.size())
            .build();

    private SetRoots() {}

    /** The root of the distinct {@code values} (see {@link MerkleTree#rootOfStringSet}). */
    public static String rootOfStringSet(final List<String> values) {
        final String known = MEMO.getIfPresent(values);
        if (known != null) {
            return known;
        }
        final List<String> key = List.copyOf(values);
        final String root = MerkleTree.rootOfStringSet(key);
        MEMO.put(key, root);
        return root;
    }
}
