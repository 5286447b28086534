package io.custodia.ledger;

import java.nio.charset.StandardCharsets;

/**
 * The chaincode refused a transaction (a {@code ChaincodeException} or an unexpected error in the
 * contract). Nothing was written. {@link #payload()} carries the chaincode's error payload, which
 * for Custodia contracts is the error-code name such as {@code NOT_FOUND}.
 */
public final class ChaincodeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String txId;
    private final int status;
    private final byte[] payload;

    public ChaincodeFailure(final String txId, final int status, final String message, final byte[] payload) {
        super(message == null ? "chaincode returned status " + status : message);
        this.txId = txId;
        this.status = status;
        this.payload = payload == null ? new byte[0] : payload.clone();
    }

    public String txId() {
        return txId;
    }

    /** The chaincode response status (500 for errors, as on Fabric). */
    public int status() {
        return status;
    }

    public byte[] payload() {
        return payload.clone();
    }

    /** The payload as UTF-8 text: the error code for Custodia contracts. */
    public String errorCode() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
