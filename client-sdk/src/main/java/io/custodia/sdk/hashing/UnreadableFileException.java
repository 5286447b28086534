package io.custodia.sdk.hashing;

/**
 * A file (or directory) could not be read, typically for lack of permission.
 *
 * <pre>{@code
 * catch (UnreadableFileException e) { fail("cannot read " + e.path().orElse("?")); }
 * }</pre>
 */
public final class UnreadableFileException extends DatasetHashingException {
    private static final long serialVersionUID = 1L;

    public UnreadableFileException(final String path, final Throwable cause) {
        super("cannot read " + path + ": " + describe(cause), path, cause);
    }

    private static String describe(final Throwable cause) {
        if (cause instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
    }
}
