package io.custodia.sdk.hashing;

/**
 * The directory holds no regular file to hash, so there is no dataset to register (a Merkle root of
 * nothing would be the same for every empty directory).
 *
 * <pre>{@code
 * catch (EmptyDatasetException e) { fail("nothing to register in " + dir); }
 * }</pre>
 */
public final class EmptyDatasetException extends DatasetHashingException {
    private static final long serialVersionUID = 1L;

    public EmptyDatasetException(final String message) {
        super(message, null, null);
    }
}
