package io.custodia.ledger;

/**
 * Where a transaction is on the ledger and how commit-time validation judged it: the final status of a
 * transaction ID. Block order, not timestamps, is the ledger's order: {@code (blockNumber, position)}
 * sorts transactions exactly as they were committed.
 *
 * @param position the transaction's index within its block, from 0
 */
public record TransactionStatus(String txId, long blockNumber, int position, ValidationCode validationCode) {
    public boolean isValid() {
        return validationCode == ValidationCode.VALID;
    }
}
