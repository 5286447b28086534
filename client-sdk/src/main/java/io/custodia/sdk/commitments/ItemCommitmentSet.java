package io.custodia.sdk.commitments;

import java.util.List;
import java.util.Objects;

/**
 * What is registered about subjects: their commitments in subjectRef order and the Merkle root over them.
 *
 * <pre>{@code
 * register(result.published().itemCommitmentRoot(), result.published().commitments());
 * }</pre>
 *
 * @param commitments one per subject, ascending by subjectRef
 * @param itemCommitmentRoot lower-case hex root (see {@link io.custodia.canonical.ItemCommitments#root})
 */
public record ItemCommitmentSet(List<SubjectCommitment> commitments, String itemCommitmentRoot) {
    public ItemCommitmentSet {
        commitments = List.copyOf(commitments);
        Objects.requireNonNull(itemCommitmentRoot, "itemCommitmentRoot");
    }

    /** Total items over all subjects. */
    public long itemCount() {
        long total = 0;
        for (final SubjectCommitment c : commitments) {
            total += c.itemCount();
        }
        return total;
    }
}
