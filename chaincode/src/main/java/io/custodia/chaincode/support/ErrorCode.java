package io.custodia.chaincode.support;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Every business failure of the chaincode. The name is the {@code ChaincodeException} payload;
 * clients map the code and never parse the message.
 */
public enum ErrorCode {
    /** Input is malformed or out of range; the message starts with the offending field. */
    INVALID_ARGUMENT,
    /** The caller's identity has no {@code custodia.role} attribute allowed for this transaction. */
    ROLE_FORBIDDEN,
    /** The caller's organisation does not own the object it tries to change. */
    NOT_OWNER,
    /** No such object. */
    NOT_FOUND,
    /** An object with this ID already exists. */
    ALREADY_EXISTS,
    /** The dataset has been withdrawn and takes no more writes. */
    DATASET_WITHDRAWN,
    /** The custody signing key is not registered for the sender, or has been revoked. */
    CUSTODY_KEY_UNKNOWN,
    /** The custody hop's signature does not verify against the sender's key. */
    CUSTODY_SIGNATURE_INVALID,
    /** The hop's content hash or previous-hop hash does not continue the chain. */
    CUSTODY_CONTINUITY_BROKEN,
    /** The sender of a custody hop does not hold the dataset. */
    CUSTODY_NOT_HOLDER,
    /** The proxy has no delegation that is active and covers this subject and act. */
    DELEGATION_INVALID,
    /** The object is not in a state that allows this transition (e.g. revoking a revoked consent). */
    STATE_CONFLICT;

    /** A {@code ChaincodeException} carrying this code as payload. */
    public ChaincodeException exception(final String message) {
        return new ChaincodeException(message, name().getBytes(StandardCharsets.UTF_8));
    }

    /** An {@link #INVALID_ARGUMENT}-style failure naming {@code field}. */
    public ChaincodeException exception(final String field, final String reason) {
        return exception(field + ": " + reason);
    }
}
