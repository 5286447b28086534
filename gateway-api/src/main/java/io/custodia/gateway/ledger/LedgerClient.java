package io.custodia.gateway.ledger;

import io.custodia.ledger.VerificationAnchor;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Submits and evaluates chaincode transactions. {@link #submit} returns only after the ledger says the
 * transaction is VALID and durable; anything else is a {@link LedgerException}.
 *
 * <pre>{@code
 * Committed c = ledger.submit(LedgerCaller.institution("Org1MSP"), "datasets:RegisterDataset", descriptor, subjects);
 * byte[] record = ledger.evaluate(LedgerCaller.auditor("AuditorMSP"), "datasets:GetDataset", "ds-1");
 * }</pre>
 */
public interface LedgerClient extends AutoCloseable {
    Committed submit(LedgerCaller caller, String function, String... args) throws LedgerException;

    byte[] evaluate(LedgerCaller caller, String function, String... args) throws LedgerException;

    /** Height, head hash and transaction count. */
    LedgerStatus status() throws LedgerException;

    /**
     * Walks the whole ledger and checks hashes and signatures. With an {@code anchor} (the {@code head}
     * of an earlier intact verification, kept by the caller) every block is still re-hashed but
     * signatures are checked only after it; see {@link VerificationAnchor} for why that is sound.
     */
    LedgerVerification verify(Optional<VerificationAnchor> anchor) throws LedgerException;

    /**
     * The final status of transaction {@code txId}: VALID or the code that invalidated it, its block
     * and its position in the block; empty when the ledger holds no such transaction.
     */
    default Optional<TransactionStatus> transaction(final String txId) throws LedgerException {
        return Optional.ofNullable(transactions(List.of(txId)).get(txId));
    }

    /**
     * {@link #transaction} for many IDs at once (the rows of a trail page), keyed by ID; IDs the ledger
     * does not hold are absent. Final statuses never change, so implementations may cache them.
     */
    Map<String, TransactionStatus> transactions(Collection<String> txIds) throws LedgerException;

    /**
     * The chaincode's response to committed, valid transaction {@code txId}, as stored in its block; empty
     * when the ledger holds no such transaction or this backend cannot read responses back (then callers
     * rebuild the outcome another way).
     */
    default Optional<byte[]> committedResponse(final String txId) throws LedgerException {
        return Optional.empty();
    }

    /** Whether the ledger can take transactions now (readiness). */
    boolean isReady();

    /**
     * Why writes cannot be endorsed now although the ledger answers reads, if so. Backends whose reads and
     * writes fail together (embedded) have nothing to add to {@link #isReady}; Fabric needs every institution
     * the endorsement policy names.
     */
    default Optional<String> writesUnavailable() {
        return Optional.empty();
    }

    @Override
    void close();

    /**
     * Where a transaction is on the ledger. Block order is the ledger's order: {@code (block, position)}
     * sorts transactions as they were committed, which their timestamps need not.
     *
     * @param status {@code VALID} or {@code INVALID}
     * @param validationCode the backend's validation code name ({@code VALID}, {@code MVCC_READ_CONFLICT}, ...)
     * @param position the transaction's index in its block, from 0
     */
    record TransactionStatus(String txId, String status, String validationCode, long block, int position) {
        public static TransactionStatus of(final String txId, final String validationCode, final long block, final int position) {
            return new TransactionStatus(txId, "VALID".equals(validationCode) ? "VALID" : "INVALID", validationCode, block, position);
        }
    }

    /** Height and head of the ledger as the backend reports them. */
    record LedgerStatus(String backend, long height, String headBlockHash, long transactionCount) {}

    /**
     * Result of a whole-ledger verification.
     *
     * @param valid whether every block checked out
     * @param blocksChecked blocks found intact
     * @param transactionsChecked transactions in those blocks
     * @param signaturesFromBlock first block whose signatures were checked (0 = all, anchor + 1 when
     *     anchored); null when the backend checks no signatures (Fabric: peers validate before committing)
     * @param head the last block checked, to pass as the anchor next time; null when invalid
     * @param firstBadBlock the first bad block; null when valid
     * @param reason why it is bad; null when valid
     */
    record LedgerVerification(boolean valid, long blocksChecked, long transactionsChecked, Long signaturesFromBlock,
            VerificationAnchor head, Long firstBadBlock, String reason) {}
}
