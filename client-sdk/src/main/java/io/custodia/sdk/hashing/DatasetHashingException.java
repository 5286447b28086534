package io.custodia.sdk.hashing;

import java.util.Optional;

/**
 * Hashing a dataset failed; the message says why and, where one file is to blame, names it
 * (canonical relative path, also in {@link #path()}).
 *
 * <pre>{@code
 * try { hasher.hash(dir); }
 * catch (FileChangedException e) { retryLater(e.path()); }
 * catch (DatasetHashingException e) { fail(e.getMessage()); }
 * }</pre>
 */
public class DatasetHashingException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String path;

    public DatasetHashingException(final String message, final String path, final Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** Canonical relative path of the file at fault, if one is. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }
}
