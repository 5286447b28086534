package io.custodia.gateway.ledger;

import java.util.Optional;

/**
 * Why a ledger call did not produce a committed result. The subclasses follow the transaction
 * lifecycle so the HTTP layer can map each to one status without parsing messages.
 */
public abstract class LedgerException extends Exception {
    private static final long serialVersionUID = 1L;

    protected LedgerException(final String message, final Throwable cause) {
        super(message, cause);
    }

    /** The chaincode refused the transaction; {@link #code()} is its ErrorCode name. Nothing was written. */
    public static final class Rejected extends LedgerException {
        private static final long serialVersionUID = 1L;
        private final String code;

        public Rejected(final String code, final String message) {
            super(message, null);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The transaction was endorsed but invalidated at commit (e.g. MVCC_READ_CONFLICT); safe to retry. */
    public static final class Invalidated extends LedgerException {
        private static final long serialVersionUID = 1L;
        private final String txId;
        private final String validationCode;

        public Invalidated(final String txId, final String validationCode) {
            super("transaction " + txId + " was invalidated at commit: " + validationCode, null);
            this.txId = txId;
            this.validationCode = validationCode;
        }

        public String txId() {
            return txId;
        }

        public String validationCode() {
            return validationCode;
        }
    }

    /** Submitted, but its commit status is not known yet; the client may poll or retry idempotently. */
    public static final class CommitPending extends LedgerException {
        private static final long serialVersionUID = 1L;
        private final String txId;

        public CommitPending(final String txId) {
            super("transaction " + txId + " was submitted; its commit status is not known yet", null);
            this.txId = txId;
        }

        public String txId() {
            return txId;
        }
    }

    /** The ledger cannot be reached or is shutting down. */
    public static final class Unavailable extends LedgerException {
        private static final long serialVersionUID = 1L;

        private final String reason;

        public Unavailable(final String message, final Throwable cause) {
            this(message, cause, null);
        }

        /**
         * With {@code reason}: what failed, fit for the API client (node roles and MSP IDs, no addresses,
         * no personal data), e.g. "the endorsing peer of Org2MSP cannot be reached". The message may say more.
         */
        public Unavailable(final String message, final Throwable cause, final String reason) {
            super(message, cause);
            this.reason = reason;
        }

        /** The client-facing cause, if the backend knows one. */
        public Optional<String> reason() {
            return Optional.ofNullable(reason);
        }
    }

    /** The ledger could not write the transaction to its disk (full, I/O error): nothing was committed; reads still work. */
    public static final class StorageUnavailable extends LedgerException {
        private static final long serialVersionUID = 1L;
        private final boolean full;

        public StorageUnavailable(final String message, final boolean full, final Throwable cause) {
            super(message, cause);
            this.full = full;
        }

        /** Whether the disk is full (rather than failing otherwise). */
        public boolean full() {
            return full;
        }
    }
}
