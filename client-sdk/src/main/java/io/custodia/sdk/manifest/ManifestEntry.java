package io.custodia.sdk.manifest;

import io.custodia.canonical.Hashes;
import java.util.Objects;

/**
 * One regular file of a dataset: its canonical relative path, size in bytes and lower-case hex
 * SHA-256 of its content.
 *
 * <pre>{@code
 * ManifestEntry entry = new ManifestEntry("scans/001.dcm", 524288, sha256Hex);
 * byte[] leaf = DatasetTree.leafHash(entry);
 * }</pre>
 *
 * @param path canonical relative path: '/' separators, Unicode NFC, no empty, "." or ".." segment
 * @param size content length in bytes
 * @param sha256 lower-case hex SHA-256 of the content
 */
public record ManifestEntry(String path, long size, String sha256) {
    public ManifestEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        CanonicalPaths.requireCanonical(path);
        if (size < 0) {
            throw new IllegalArgumentException("size of " + path + " must not be negative");
        }
        if (!Hashes.isSha256Hex(sha256)) {
            throw new IllegalArgumentException("sha256 of " + path + " must be 64 lower-case hex digits");
        }
    }
}
