package io.custodia.sdk.manifest;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Hashes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The list of a dataset's files with size and SHA-256, in canonical path order, and the tree root
 * over them. Its canonical JSON is what the owner keeps and an auditor compares a copy against;
 * {@link #manifestHash()} is what goes on the ledger.
 *
 * <pre>{@code
 * Manifest manifest = Manifest.of(entries);          // sorts entries, computes the root
 * byte[] json = manifest.toCanonicalJson();          // {"algorithm":"sha256-merkle-v1","files":[...],"root":"..."}
 * String manifestHash = manifest.manifestHash();     // hex SHA-256 of json
 * Manifest back = Manifest.parse(json);
 * }</pre>
 *
 * @param algorithm always {@value DatasetTree#ALGORITHM}
 * @param files entries in canonical path order, paths unique, at least one
 * @param root lower-case hex tree root over {@code files}
 */
public record Manifest(String algorithm, List<ManifestEntry> files, String root) {
    public Manifest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(root, "root");
        if (!DatasetTree.ALGORITHM.equals(algorithm)) {
            throw new IllegalArgumentException("unsupported algorithm " + algorithm + "; expected " + DatasetTree.ALGORITHM);
        }
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a manifest lists at least one file");
        }
        final String computed = DatasetTree.root(files);
        if (!computed.equals(root)) {
            throw new IllegalArgumentException("manifest root does not match its entries: computed " + computed
                    + ", stated " + root);
        }
    }

    /** A manifest over {@code entries} in any order; sorts them canonically and computes the root. */
    public static Manifest of(final List<ManifestEntry> entries) {
        final List<ManifestEntry> sorted = new ArrayList<>(Objects.requireNonNull(entries, "entries"));
        sorted.sort((a, b) -> CanonicalPaths.ORDER.compare(a.path(), b.path()));
        return new Manifest(DatasetTree.ALGORITHM, sorted, DatasetTree.root(sorted));
    }

    /** Parses a manifest document and checks it: shape, order, and that the root matches the entries. */
    public static Manifest parse(final byte[] json) throws ManifestFormatException {
        Objects.requireNonNull(json, "json");
        try {
            return CanonicalJson.parse(json, Manifest.class);
        } catch (IllegalArgumentException e) {
            throw new ManifestFormatException("invalid manifest: " + e.getMessage(), e);
        }
    }

    /** The canonical JSON bytes of this manifest. */
    public byte[] toCanonicalJson() {
        return CanonicalJson.toBytes(this);
    }

    /** Lower-case hex SHA-256 of {@link #toCanonicalJson()}: the {@code manifestHash} on the ledger. */
    public String manifestHash() {
        return Hashes.sha256Hex(toCanonicalJson());
    }

    /** Sum of the file sizes. */
    public long totalBytes() {
        long total = 0;
        for (final ManifestEntry entry : files) {
            total += entry.size();
        }
        return total;
    }

    @Override
    public String toString() {
        return "Manifest[" + algorithm + ", " + files.size() + " files, root " + root + "]";
    }
}
