package io.custodia.sdk.commitments;

import java.util.List;

/**
 * The output of {@link ItemCommitmentCalculator}: the part to register, the salts for the off-chain
 * store (kept apart so the two are never sent to the same place by accident), and files that were in
 * the manifest but in no subject's mapping. Holds no patient identifier.
 *
 * <pre>{@code
 * ItemCommitmentResult r = calculator.compute(manifest, mapping);
 * gateway.register(r.published());
 * gateway.storeSalts(r.offChainSalts());
 * }</pre>
 *
 * @param published commitments and their root
 * @param offChainSalts per-subject item salts and paths, ascending by subjectRef
 * @param unmappedPaths manifest files mapped to no subject, in canonical order
 */
public record ItemCommitmentResult(ItemCommitmentSet published, List<SubjectItemSalt> offChainSalts,
        List<String> unmappedPaths) {
    public ItemCommitmentResult {
        offChainSalts = List.copyOf(offChainSalts);
        unmappedPaths = List.copyOf(unmappedPaths);
    }
}
