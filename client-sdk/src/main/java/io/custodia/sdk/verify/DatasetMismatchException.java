package io.custodia.sdk.verify;

/**
 * A local copy does not match what was registered; the message holds the computed and expected root
 * and every differing file.
 *
 * <pre>{@code
 * verifier.verify(dir, manifest).requireMatch();
 * }</pre>
 */
public final class DatasetMismatchException extends Exception {
    private static final long serialVersionUID = 1L;

    public DatasetMismatchException(final String message) {
        super(message);
    }
}
