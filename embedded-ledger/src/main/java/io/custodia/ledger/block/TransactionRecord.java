package io.custodia.ledger.block;

import io.custodia.ledger.ValidationCode;
import java.util.Objects;
import java.util.Optional;

/**
 * A transaction as stored in a block: the signed proposal, the simulation result and the validation
 * code the committer gave it. Invalid transactions stay in the block, as on Fabric, with no effect.
 *
 * @param proposal the proposal
 * @param signature the creator's ECDSA signature over {@link Proposal#signingBytes()}
 * @param readWriteSet what the simulation read and wrote
 * @param response what the chaincode function returned
 * @param event the chaincode event, if one was set
 * @param validationCode commit-time validation result
 */
public record TransactionRecord(
        Proposal proposal,
        byte[] signature,
        ReadWriteSet readWriteSet,
        byte[] response,
        Optional<TransactionEvent> event,
        ValidationCode validationCode) {
    public TransactionRecord {
        Objects.requireNonNull(proposal, "proposal");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(readWriteSet, "readWriteSet");
        response = response == null ? new byte[0] : response;
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(validationCode, "validationCode");
    }

    public String txId() {
        return proposal.txId();
    }

    public TransactionRecord withValidationCode(final ValidationCode code) {
        return new TransactionRecord(proposal, signature, readWriteSet, response, event, code);
    }
}
