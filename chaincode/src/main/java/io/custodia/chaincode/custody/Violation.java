package io.custodia.chaincode.custody;

import io.custodia.chaincode.support.ErrorCode;
import org.hyperledger.fabric.shim.ChaincodeException;

/** Why a hop breaks the chain: the error code a new hop is refused with, a reason token, and a message. */
final class Violation {
    private final ErrorCode code;
    private final String reason;
    private final String message;

    Violation(final ErrorCode code, final String reason, final String message) {
        this.code = code;
        this.reason = reason;
        this.message = message;
    }

    ErrorCode code() {
        return code;
    }

    /** Stable token for {@code VerifyCustodyChain}'s {@code reason}, e.g. {@code signature-invalid}. */
    String reason() {
        return reason;
    }

    String message() {
        return message;
    }

    ChaincodeException exception() {
        return code.exception(message);
    }
}
