package io.custodia.sdk.verify;

import io.custodia.canonical.Hashes;
import io.custodia.sdk.hashing.DatasetHash;
import io.custodia.sdk.hashing.DatasetHasher;
import io.custodia.sdk.hashing.DatasetHashingException;
import io.custodia.sdk.hashing.HashProgressListener;
import io.custodia.sdk.manifest.CanonicalPaths;
import io.custodia.sdk.manifest.Manifest;
import io.custodia.sdk.manifest.ManifestEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Hashes the copy, then merges the two sorted manifests. */
final class DefaultLocalCopyVerifier implements LocalCopyVerifier {
    private final DatasetHasher hasher;

    DefaultLocalCopyVerifier(final DatasetHasher hasher) {
        this.hasher = hasher;
    }

    @Override
    public LocalCopyReport verify(final Path dir, final String expectedRoot) throws DatasetHashingException {
        Objects.requireNonNull(expectedRoot, "expectedRoot");
        final String expected = expectedRoot.toLowerCase(Locale.ROOT);
        if (!Hashes.isSha256Hex(expected)) {
            throw new IllegalArgumentException("expected root must be 64 hex digits");
        }
        final DatasetHash local = hasher.hash(dir);
        return new LocalCopyReport(local.root(), expected, List.of(), local);
    }

    @Override
    public LocalCopyReport verify(final Path dir, final Manifest registered) throws DatasetHashingException {
        Objects.requireNonNull(registered, "registered");
        final DatasetHash local = hasher.hash(dir);
        return new LocalCopyReport(local.root(), registered.root(),
                differences(registered.files(), local.manifest().files()), local);
    }

    /** Merge of two lists in canonical order. */
    static List<FileDifference> differences(final List<ManifestEntry> expected, final List<ManifestEntry> computed) {
        final List<FileDifference> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < expected.size() || j < computed.size()) {
            final ManifestEntry e = i < expected.size() ? expected.get(i) : null;
            final ManifestEntry c = j < computed.size() ? computed.get(j) : null;
            final int cmp = e == null ? 1 : c == null ? -1 : CanonicalPaths.ORDER.compare(e.path(), c.path());
            if (cmp < 0) {
                out.add(new FileDifference(e.path(), FileDifference.Kind.REMOVED, e, null));
                i++;
            } else if (cmp > 0) {
                out.add(new FileDifference(c.path(), FileDifference.Kind.ADDED, null, c));
                j++;
            } else {
                if (!e.equals(c)) {
                    out.add(new FileDifference(e.path(), FileDifference.Kind.CHANGED, e, c));
                }
                i++;
                j++;
            }
        }
        return out;
    }

    static final class DefaultBuilder implements LocalCopyVerifier.Builder {
        private final DatasetHasher.Builder hasher = DatasetHasher.builder();

        @Override
        public Builder threads(final int threads) {
            hasher.threads(threads);
            return this;
        }

        @Override
        public Builder progress(final HashProgressListener listener) {
            hasher.progress(listener);
            return this;
        }

        @Override
        public Builder followSymlinks(final boolean follow) {
            hasher.followSymlinks(follow);
            return this;
        }

        @Override
        public LocalCopyVerifier build() {
            return new DefaultLocalCopyVerifier(hasher.build());
        }
    }
}
