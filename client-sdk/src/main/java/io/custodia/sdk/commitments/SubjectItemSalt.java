package io.custodia.sdk.commitments;

import java.util.List;
import java.util.Objects;

/**
 * The secret half of one subject's commitment, for the gateway's off-chain store only: the item salt
 * (needed to open the commitment, destroyed on erasure) and the subject's file paths (item pointers
 * within the dataset). Never put on the ledger. {@link #toString()} hides the salt.
 *
 * <pre>{@code
 * for (SubjectItemSalt s : result.offChainSalts()) store.put(s.subjectRef(), s.itemSaltHex(), s.paths());
 * }</pre>
 *
 * @param subjectRef the subject's pseudonym
 * @param itemSaltHex lower-case hex of the 32-byte item salt
 * @param paths the subject's files in canonical order
 */
public record SubjectItemSalt(String subjectRef, String itemSaltHex, List<String> paths) {
    public SubjectItemSalt {
        Objects.requireNonNull(subjectRef, "subjectRef");
        Objects.requireNonNull(itemSaltHex, "itemSaltHex");
        paths = List.copyOf(paths);
    }

    @Override
    public String toString() {
        return "SubjectItemSalt[subjectRef=" + subjectRef + ", itemSalt=<hidden>, " + paths.size() + " paths]";
    }
}
