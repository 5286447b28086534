package io.custodia.sdk.verify;

import io.custodia.sdk.manifest.ManifestEntry;
import java.util.Objects;
import java.util.Optional;

/**
 * One file that differs between a local copy and the registered manifest.
 *
 * <pre>{@code
 * report.differences().forEach(d -> System.out.println(d.describe()));
 * }</pre>
 */
public final class FileDifference {
    /** How a file differs. */
    public enum Kind {
        /** In the local copy, not in the manifest. */
        ADDED,
        /** In the manifest, not in the local copy. */
        REMOVED,
        /** In both, with a different size or SHA-256. */
        CHANGED
    }

    private final String path;
    private final Kind kind;
    private final ManifestEntry expected;
    private final ManifestEntry computed;

    FileDifference(final String path, final Kind kind, final ManifestEntry expected, final ManifestEntry computed) {
        this.path = Objects.requireNonNull(path, "path");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.expected = expected;
        this.computed = computed;
    }

    public String path() {
        return path;
    }

    public Kind kind() {
        return kind;
    }

    /** The registered entry; empty for {@link Kind#ADDED}. */
    public Optional<ManifestEntry> expected() {
        return Optional.ofNullable(expected);
    }

    /** The local copy's entry; empty for {@link Kind#REMOVED}. */
    public Optional<ManifestEntry> computed() {
        return Optional.ofNullable(computed);
    }

    /** One line naming the file with computed and expected hash and size. */
    public String describe() {
        switch (kind) {
            case ADDED:
                return "added   " + path + ": computed sha256 " + computed.sha256() + " (" + computed.size()
                        + " bytes), not in the manifest";
            case REMOVED:
                return "removed " + path + ": expected sha256 " + expected.sha256() + " (" + expected.size()
                        + " bytes), missing from the copy";
            default:
                return "changed " + path + ": computed sha256 " + computed.sha256() + " (" + computed.size()
                        + " bytes), expected " + expected.sha256() + " (" + expected.size() + " bytes)";
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof FileDifference)) {
            return false;
        }
        final FileDifference other = (FileDifference) o;
        return path.equals(other.path) && kind == other.kind && Objects.equals(expected, other.expected)
                && Objects.equals(computed, other.computed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, kind, expected, computed);
    }
}
