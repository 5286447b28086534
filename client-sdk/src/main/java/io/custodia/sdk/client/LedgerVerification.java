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
 * @param signaturesFromBlock first block whose signatures were checked: 0 for a full verification, the
 *     anchor's block + 1 for an anchored one; empty when the backend checks no signatures (Fabric, where
 *     every peer validates before committing)
 * @param head the last block checked, the anchor for next time; empty when invalid
 * @param firstBadBlock number of the first failing block
 * @param reason why it failed
 */
public record LedgerVerification(boolean valid, long blocksChecked, long transactionsChecked, Optional<Long> signaturesFromBlock,
        Optional<LedgerAnchor> head, Optional<Long> firstBadBlock, Optional<String> reason) {
    public LedgerVerification {
        signaturesFromBlock = signaturesFromBlock == null ? Optional.empty() : signaturesFromBlock;
        head = head == null ? Optional.empty() : head;
        firstBadBlock = firstBadBlock == null ? Optional.empty() : firstBadBlock;
        // The gateway sends "" rather than leaving the member out when there is nothing to report.
        reason = reason == null ? Optional.empty() : reason.filter(r -> !r.isEmpty());
    }
}
