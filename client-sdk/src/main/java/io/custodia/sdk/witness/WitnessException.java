package io.custodia.sdk.witness;

/** The witness refused to cosign, or cannot run; the message says why. Nothing was cosigned. */
public final class WitnessException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean evidence;

    WitnessException(final String message, final boolean evidence) {
        super(message);
        this.evidence = evidence;
    }

    WitnessException(final String message, final boolean evidence, final Throwable cause) {
        super(message, cause);
        this.evidence = evidence;
    }

    /** Whether the log misbehaved (bad signature, inconsistent or smaller tree), rather than the set-up failing. */
    public boolean isEvidence() {
        return evidence;
    }
}
