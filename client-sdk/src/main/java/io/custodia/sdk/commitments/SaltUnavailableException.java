package io.custodia.sdk.commitments;

/**
 * A {@link SaltSource} could not supply a subject salt. The message must not contain the patient
 * identifier.
 *
 * <pre>{@code
 * throw new SaltUnavailableException("subject registry unreachable", cause);
 * }</pre>
 */
public final class SaltUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public SaltUnavailableException(final String message) {
        super(message);
    }

    public SaltUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
