package io.custodia.sdk.client;

import java.util.Optional;

/**
 * Answer of {@code POST /api/v1/ledger/verify}: whether every block's hash chain, signatures and
 * transactions check out, and the first bad block if not.
 *
 * <pre>{@code
 * LedgerVerification v = client.ledger().verify();
 * if (!v.valid()) System.err.println("block " + v.firstBadBlock().orElseThrow() + ": " + v.reason().orElse(""));
 * }</pre>
 *
 * @param valid whether the whole ledger verified
 * @param blocksChecked blocks checked
 * @param transactionsChecked transactions checked
 * @param firstBadBlock number of the first failing block
 * @param reason why it failed
 */
public record LedgerVerification(boolean valid, long blocksChecked, long transactionsChecked,
        Optional<Long> firstBadBlock, Optional<String> reason) {
    public LedgerVerification {
        firstBadBlock = firstBadBlock == null ? Optional.empty() : firstBadBlock;
        // The gateway sends "" rather than leaving the member out when there is nothing to report.
        reason = reason == null ? Optional.empty() : reason.filter(r -> !r.isEmpty());
    }
}
