package io.custodia.sdk.hashing;

import java.util.Objects;

/**
 * Something found under the dataset directory that is not part of the tree.
 *
 * <pre>{@code
 * for (SkippedEntry s : result.skipped()) warn(s.path() + " skipped: " + s.reason());
 * }</pre>
 *
 * @param path canonical relative path of the entry
 * @param reason why it is not hashed
 */
public record SkippedEntry(String path, Reason reason) {
    /** Why an entry is not part of the tree. */
    public enum Reason {
        /** A symbolic link, and links are not followed (the default). */
        SYMLINK,
        /** A FIFO, socket or device: no stable content to hash. */
        SPECIAL_FILE
    }

    public SkippedEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }
}
