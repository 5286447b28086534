package io.custodia.sdk.hashing;

/**
 * A file or directory name in the dataset is not valid UTF-8, so it has no canonical path: hashing it
 * would depend on how the platform happens to decode it. The message names the file, with the bytes
 * that are not UTF-8 written as {@code \xHH}. Rename it.
 *
 * <pre>{@code
 * catch (InvalidFileNameException e) { fail(e.getMessage()); }   // "file name is not valid UTF-8: scans/caf\xE9.dcm; rename it"
 * }</pre>
 */
public final class InvalidFileNameException extends DatasetHashingException {
    private static final long serialVersionUID = 1L;

    public InvalidFileNameException(final String escapedPath) {
        super("file name is not valid UTF-8: " + escapedPath + "; rename it (dataset paths are UTF-8, docs/hashing.md §1.2)",
                null, null);
    }
}
