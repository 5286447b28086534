package io.custodia.ledger;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Result of walking the whole ledger: either every block checked out, or the first bad block and why.
 *
 * @param blocksChecked blocks found intact before stopping (all of them when the ledger is intact)
 * @param transactionsChecked transactions in those blocks (their IDs, channel and data hash checked)
 * @param signaturesFromBlock the first block whose node and creator signatures were checked: 0 for a
 *     full verification, the anchor's block + 1 for one from a {@link VerificationAnchor}
 * @param head the last intact block as an anchor for the next verification; empty when the ledger is bad
 * @param firstBadBlock the number (position) of the first bad block, empty when the ledger is intact
 * @param reason why that block is bad, empty when the ledger is intact
 * @param nodeFingerprint SHA-256 (hex) of the block-signing node public key named in block 0,
 *     empty if block 0 could not be read; compare it with a value kept outside the ledger
 */
public record VerificationReport(
        long blocksChecked,
        long transactionsChecked,
        long signaturesFromBlock,
        Optional<VerificationAnchor> head,
        OptionalLong firstBadBlock,
        String reason,
        String nodeFingerprint) {
    public static VerificationReport intact(final long blocks, final long transactions, final long signaturesFromBlock,
            final VerificationAnchor head, final String nodeFingerprint) {
        return new VerificationReport(blocks, transactions, signaturesFromBlock, Optional.of(head), OptionalLong.empty(), "",
                nodeFingerprint);
    }

    public static VerificationReport bad(final long blocks, final long transactions, final long signaturesFromBlock,
            final long block, final String reason, final String nodeFingerprint) {
        return new VerificationReport(blocks, transactions, signaturesFromBlock, Optional.empty(), OptionalLong.of(block), reason,
                nodeFingerprint);
    }

    public boolean ok() {
        return firstBadBlock.isEmpty();
    }

    @Override
    public String toString() {
        if (!ok()) {
            return "block " + firstBadBlock.getAsLong() + " is bad: " + reason;
        }
        final String signatures = signaturesFromBlock == 0
                ? "every signature checked"
                : "signatures checked from block " + signaturesFromBlock + " (earlier blocks fixed by the anchor)";
        return "ledger intact: " + blocksChecked + " blocks, " + transactionsChecked + " transactions, " + signatures
                + "; head " + head.map(VerificationAnchor::toString).orElse("-") + "; blocks signed by node key " + nodeFingerprint;
    }
}
