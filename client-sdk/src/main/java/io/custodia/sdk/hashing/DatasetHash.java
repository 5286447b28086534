package io.custodia.sdk.hashing;

import io.custodia.sdk.manifest.Manifest;
import java.util.List;
import java.util.Objects;

/**
 * The result of hashing a dataset directory: what is registered ({@link #root()},
 * {@link #manifestHash()}, counts) and what was found but left out of the tree.
 *
 * <pre>{@code
 * DatasetHash h = DatasetHasher.builder().build().hash(Path.of("/data/study-42"));
 * register(h.algorithm(), h.root(), h.manifestHash(), h.fileCount(), h.totalBytes());
 * Files.write(Path.of("manifest.json"), h.manifest().toCanonicalJson());
 * }</pre>
 *
 * @param manifest every hashed file with size and SHA-256, and the root
 * @param skipped symbolic links and special files not hashed, in canonical path order
 * @param emptyDirectories directories without any entry, in canonical path order; they have no leaf
 */
public record DatasetHash(Manifest manifest, List<SkippedEntry> skipped, List<String> emptyDirectories) {
    public DatasetHash {
        Objects.requireNonNull(manifest, "manifest");
        skipped = List.copyOf(skipped);
        emptyDirectories = List.copyOf(emptyDirectories);
    }

    /** {@code sha256-merkle-v1}. */
    public String algorithm() {
        return manifest.algorithm();
    }

    /** Lower-case hex Merkle root: the dataset's content hash. */
    public String root() {
        return manifest.root();
    }

    /** Lower-case hex SHA-256 of the manifest's canonical JSON. */
    public String manifestHash() {
        return manifest.manifestHash();
    }

    public int fileCount() {
        return manifest.files().size();
    }

    public long totalBytes() {
        return manifest.totalBytes();
    }
}
