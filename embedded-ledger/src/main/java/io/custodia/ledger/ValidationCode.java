package io.custodia.ledger;

/**
 * Outcome of commit-time validation of a transaction, named after Fabric's {@code TxValidationCode}
 * so clients that know Fabric read them unchanged.
 */
public enum ValidationCode {
    /** Read set still current: the writes were applied. */
    VALID(0),
    /** A key read during simulation was changed by an earlier committed transaction. */
    MVCC_READ_CONFLICT(11),
    /** A range read during simulation would now return different keys or versions. */
    PHANTOM_READ_CONFLICT(12),
    /** A transaction with the same ID is already on the ledger. */
    DUPLICATE_TXID(9);

    private final int fabricCode;

    ValidationCode(final int fabricCode) {
        this.fabricCode = fabricCode;
    }

    /** The numeric code Fabric uses for the same outcome; this is what is stored in blocks. */
    public int fabricCode() {
        return fabricCode;
    }

    /** The code for a stored number; unknown numbers are corruption. */
    public static ValidationCode fromFabricCode(final int code) {
        for (final ValidationCode value : values()) {
            if (value.fabricCode == code) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown validation code " + code);
    }
}
