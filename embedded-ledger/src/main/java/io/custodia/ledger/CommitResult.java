package io.custodia.ledger;

import java.util.Objects;

/**
 * What the ledger says about a submitted transaction once its block is durably on disk.
 *
 * <p>Only {@link ValidationCode#VALID} means the writes were applied; any other code means the
 * transaction is in a block (as on Fabric) but had no effect.
 *
 * @param txId the transaction ID
 * @param blockNumber the block holding the transaction
 * @param txIndex the transaction's position in that block
 * @param validationCode the commit-time validation result
 * @param payload what the chaincode function returned (empty if nothing)
 */
public record CommitResult(String txId, long blockNumber, int txIndex, ValidationCode validationCode, byte[] payload) {
    public CommitResult {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(validationCode, "validationCode");
        payload = payload == null ? new byte[0] : payload.clone();
    }

    /** Whether the writes were applied. */
    public boolean isValid() {
        return validationCode == ValidationCode.VALID;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
