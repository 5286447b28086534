package io.custodia.ledger;

import java.util.OptionalLong;

/**
 * Result of walking the whole ledger: either every block checked out, or the first bad block and why.
 *
 * @param blocksChecked blocks fully checked before stopping
 * @param transactionsChecked transactions whose signatures were checked
 * @param firstBadBlock the number (position) of the first bad block, empty when the ledger is intact
 * @param reason why that block is bad, empty when the ledger is intact
 * @param nodeFingerprint SHA-256 (hex) of the block-signing node certificate named in block 0,
 *     empty if block 0 could not be read; compare it with a value kept outside the ledger
 */
public record VerificationReport(
        long blocksChecked, long transactionsChecked, OptionalLong firstBadBlock, String reason, String nodeFingerprint) {
    public static VerificationReport intact(final long blocks, final long transactions, final String nodeFingerprint) {
        return new VerificationReport(blocks, transactions, OptionalLong.empty(), "", nodeFingerprint);
    }

    public static VerificationReport bad(final long blocks, final long transactions, final long block, final String reason,
            final String nodeFingerprint) {
        return new VerificationReport(blocks, transactions, OptionalLong.of(block), reason, nodeFingerprint);
    }

    public boolean ok() {
        return firstBadBlock.isEmpty();
    }

    @Override
    public String toString() {
        return ok()
                ? "ledger intact: " + blocksChecked + " blocks, " + transactionsChecked
                        + " transactions verified; blocks signed by node certificate " + nodeFingerprint
                : "block " + firstBadBlock.getAsLong() + " is bad: " + reason;
    }
}
