package io.custodia.ledger;

import java.util.OptionalLong;

/**
 * Result of walking the whole ledger: either every block checked out, or the first bad block and why.
 *
 * @param blocksChecked blocks fully checked before stopping
 * @param transactionsChecked transactions whose signatures were checked
 * @param firstBadBlock the number (position) of the first bad block, empty when the ledger is intact
 * @param reason why that block is bad, empty when the ledger is intact
 */
public record VerificationReport(long blocksChecked, long transactionsChecked, OptionalLong firstBadBlock, String reason) {
    public static VerificationReport intact(final long blocks, final long transactions) {
        return new VerificationReport(blocks, transactions, OptionalLong.empty(), "");
    }

    public static VerificationReport bad(final long blocks, final long transactions, final long block, final String reason) {
        return new VerificationReport(blocks, transactions, OptionalLong.of(block), reason);
    }

    public boolean ok() {
        return firstBadBlock.isEmpty();
    }

    @Override
    public String toString() {
        return ok()
                ? "ledger intact: " + blocksChecked + " blocks, " + transactionsChecked + " transactions verified"
                : "block " + firstBadBlock.getAsLong() + " is bad: " + reason;
    }
}
