package io.custodia.sdk.verify;

import io.custodia.sdk.hashing.DatasetHash;
import java.util.List;
import java.util.Objects;

/**
 * The result of checking a local copy: computed and expected root, and, when a manifest was given,
 * the files that differ (in canonical path order).
 *
 * <pre>{@code
 * LocalCopyReport r = verifier.verify(dir, registeredManifest);
 * if (!r.matches()) System.out.println(r.describe());
 * }</pre>
 *
 * @param computedRoot root of the local copy
 * @param expectedRoot registered root
 * @param differences differing files; empty when only a root was given or nothing differs
 * @param local full hashing result of the local copy (skipped links, empty directories)
 */
public record LocalCopyReport(String computedRoot, String expectedRoot, List<FileDifference> differences,
        DatasetHash local) {
    public LocalCopyReport {
        Objects.requireNonNull(computedRoot, "computedRoot");
        Objects.requireNonNull(expectedRoot, "expectedRoot");
        differences = List.copyOf(differences);
        Objects.requireNonNull(local, "local");
    }

    /** Whether the computed root equals the expected one. */
    public boolean matches() {
        return computedRoot.equals(expectedRoot);
    }

    /** Human-readable outcome; on a mismatch, both roots and one line per differing file. */
    public String describe() {
        if (matches()) {
            return "local copy matches: root " + computedRoot + " (" + local.fileCount() + " files)";
        }
        final StringBuilder out = new StringBuilder("local copy does NOT match\n")
                .append("  computed root: ").append(computedRoot).append('\n')
                .append("  expected root: ").append(expectedRoot);
        for (final FileDifference difference : differences) {
            out.append("\n  ").append(difference.describe());
        }
        return out.toString();
    }

    /** Throws when the copy does not match. */
    public LocalCopyReport requireMatch() throws DatasetMismatchException {
        if (!matches()) {
            throw new DatasetMismatchException(describe());
        }
        return this;
    }
}
