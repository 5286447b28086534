package io.custodia.sdk.hashing;

import java.nio.file.Path;

/**
 * Hashes a dataset directory with {@code sha256-merkle-v1}: every regular file below it, by canonical
 * relative path, into an RFC 6962 Merkle root, plus a manifest and its hash. The exact algorithm is in
 * {@code docs/hashing.md}.
 *
 * <p>Files are hashed in parallel (one file per thread at a time); symbolic links are not followed
 * unless asked, and are reported in {@link DatasetHash#skipped()} together with special files; empty
 * directories are reported in {@link DatasetHash#emptyDirectories()} and have no effect on the root.
 * An instance is immutable and may be reused and shared.
 *
 * <pre>{@code
 * DatasetHasher hasher = DatasetHasher.builder()
 *         .threads(2)
 *         .progress(p -> System.err.printf("%.0f%%%n", 100 * p.fraction()))
 *         .build();
 * DatasetHash result = hasher.hash(Path.of("/data/study-42"));
 * String root = result.root();
 * }</pre>
 */
public interface DatasetHasher {
    /** A builder with defaults: as many threads as available processors, no progress, links not followed. */
    static Builder builder() {
        return new DefaultDatasetHasher.DefaultBuilder();
    }

    /**
     * Hashes the directory {@code root} (a link naming the root itself is resolved).
     *
     * @throws EmptyDatasetException when it holds no regular file
     * @throws FileChangedException when a file changes, appears or vanishes while it is hashed
     * @throws UnreadableFileException when a file or directory cannot be read
     * @throws PathCollisionException when two names are equal after NFC normalisation
     * @throws DatasetHashingException when {@code root} is not a readable directory, or the run is interrupted
     */
    DatasetHash hash(Path root) throws DatasetHashingException;

    /** Configures a {@link DatasetHasher}. */
    interface Builder {
        /** Worker threads, at least 1; default {@link Runtime#availableProcessors()}. */
        Builder threads(int threads);

        /** Progress listener; see {@link HashProgressListener} for its threading contract. */
        Builder progress(HashProgressListener listener);

        /**
         * Whether to hash the targets of symbolic links as if they were in the tree (default false).
         * Links that dangle or loop back to an ancestor are still reported as skipped.
         */
        Builder followSymlinks(boolean follow);

        DatasetHasher build();
    }
}
