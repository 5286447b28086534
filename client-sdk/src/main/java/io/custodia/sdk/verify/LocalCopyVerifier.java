package io.custodia.sdk.verify;

import io.custodia.sdk.hashing.DatasetHashingException;
import io.custodia.sdk.manifest.Manifest;
import java.nio.file.Path;

/**
 * Checks a local copy of a dataset against its registered root, or against its registered manifest to
 * name the files that were added, removed or changed.
 *
 * <p>Check the manifest itself against the ledger first: {@code manifest.manifestHash()} must equal
 * the registered {@code manifestHash} (and {@code manifest.root()} the registered content hash),
 * otherwise the comparison is against the wrong list.
 *
 * <pre>{@code
 * LocalCopyVerifier verifier = LocalCopyVerifier.builder().threads(2).build();
 * LocalCopyReport report = verifier.verify(Path.of("/mnt/copy"), Manifest.parse(manifestJson));
 * System.out.println(report.describe());
 * }</pre>
 */
public interface LocalCopyVerifier {
    static Builder builder() {
        return new DefaultLocalCopyVerifier.DefaultBuilder();
    }

    /** Recomputes the root of {@code dir} and compares it with {@code expectedRoot}. */
    LocalCopyReport verify(Path dir, String expectedRoot) throws DatasetHashingException;

    /** Recomputes {@code dir} and compares root and every file with {@code registered}. */
    LocalCopyReport verify(Path dir, Manifest registered) throws DatasetHashingException;

    /** Configures a {@link LocalCopyVerifier}; hashing options as in {@link io.custodia.sdk.hashing.DatasetHasher}. */
    interface Builder {
        Builder threads(int threads);

        Builder progress(io.custodia.sdk.hashing.HashProgressListener listener);

        Builder followSymlinks(boolean follow);

        LocalCopyVerifier build();
    }
}
