package io.custodia.sdk.hashing;

/**
 * Receives progress while a dataset is hashed.
 *
 * <p>Called from the hashing worker threads, possibly concurrently, after every chunk read and after
 * every file: implementations must be thread-safe and quick (hand the value to a UI, don't block).
 * Snapshots from different threads may arrive slightly out of order. An exception thrown here aborts
 * the hashing run.
 *
 * <pre>{@code
 * HashProgressListener listener = p -> System.err.printf("%d/%d files%n", p.filesDone(), p.filesTotal());
 * }</pre>
 */
@FunctionalInterface
public interface HashProgressListener {
    /** A listener that ignores progress. */
    HashProgressListener NONE = progress -> { };

    void onProgress(HashProgress progress);
}
