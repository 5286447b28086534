package io.custodia.sdk.hashing;

/**
 * A file's size or modification time changed while it was hashed (or it vanished), so its digest
 * describes no state the file was ever stably in.
 *
 * <pre>{@code
 * catch (FileChangedException e) { warn(e.path().orElseThrow() + " is being written; try again"); }
 * }</pre>
 */
public final class FileChangedException extends DatasetHashingException {
    private static final long serialVersionUID = 1L;

    public FileChangedException(final String path, final String what, final Throwable cause) {
        super("file changed while it was hashed: " + path + " (" + what + ")", path, cause);
    }
}
