package io.custodia.sdk.hashing;

/**
 * Two file names differ on disk but are the same after Unicode NFC normalisation, so the canonical
 * manifest cannot tell them apart. Rename one of them.
 *
 * <pre>{@code
 * catch (PathCollisionException e) { fail(e.getMessage()); }
 * }</pre>
 */
public final class PathCollisionException extends DatasetHashingException {
    private static final long serialVersionUID = 1L;

    public PathCollisionException(final String path) {
        super("two files normalise to the same path " + path + " (Unicode NFC); rename one", path, null);
    }
}
