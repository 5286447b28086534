package io.custodia.gateway.outbox;

import io.custodia.gateway.ledger.LedgerException;
import java.util.Objects;

/**
 * A step's verdict that its operation cannot complete (e.g. the chaincode refused the revocation):
 * the runner marks the item done with the failure in its state instead of retrying it, and the
 * inline caller receives {@link #getCause()} (a ledger rejection or an API error) to answer with.
 */
public final class OutboxStepFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutboxStepFailure(final Exception cause) {
        super(Objects.requireNonNull(cause, "cause").getMessage(), cause);
    }

    /** The failure to report to the caller. */
    public Exception reason() {
        return (Exception) getCause();
    }

    /** Work that runs outbox items. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws LedgerException;
    }

    /** Runs {@code work}; a step's final refusal reaches the caller as the ledger or API error it wraps. */
    public static <T> T unwrapping(final Work<T> work) throws LedgerException {
        try {
            return work.run();
        } catch (OutboxStepFailure failure) {
            if (failure.reason() instanceof LedgerException ledgerFailure) {
                throw ledgerFailure;
            }
            if (failure.reason() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw failure;
        }
    }
}
