package io.custodia.sdk.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.canonical.Hashes;
import io.custodia.sdk.TestFiles;
import io.custodia.sdk.hashing.DatasetHasher;
import io.custodia.sdk.manifest.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCopyVerifierTest {
    @TempDir
    Path dir;

    private Path original;
    private Path copy;
    private Manifest registered;

    @BeforeEach
    void register_an_original_and_make_a_copy() throws Exception {
        original = dir.resolve("original");
        copy = dir.resolve("copy");
        for (final Path root : new Path[] {original, copy}) {
            TestFiles.write(root, "scans/001.dcm", "scan one");
            TestFiles.write(root, "scans/002.dcm", "scan two");
            TestFiles.write(root, "labels.csv", "id,label\n1,a\n");
        }
        registered = DatasetHasher.builder().build().hash(original).manifest();
    }

    @Test
    void accepts_an_identical_copy() throws Exception {
        final LocalCopyReport report = LocalCopyVerifier.builder().build().verify(copy, registered);

        assertThat(report.matches()).isTrue();
        assertThat(report.differences()).isEmpty();
        assertThat(report.requireMatch().describe()).contains("matches", registered.root());
    }

    @Test
    void names_added_removed_and_changed_files_with_both_hashes() throws Exception {
        TestFiles.write(copy, "scans/001.dcm", "scan ONE");
        Files.delete(copy.resolve("scans/002.dcm"));
        TestFiles.write(copy, "extra.txt", "not registered");

        final LocalCopyReport report = LocalCopyVerifier.builder().threads(2).build().verify(copy, registered);

        assertThat(report.matches()).isFalse();
        assertThat(report.differences()).extracting(FileDifference::path, FileDifference::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("extra.txt", FileDifference.Kind.ADDED),
                org.assertj.core.groups.Tuple.tuple("scans/001.dcm", FileDifference.Kind.CHANGED),
                org.assertj.core.groups.Tuple.tuple("scans/002.dcm", FileDifference.Kind.REMOVED));
        assertThat(report.describe())
                .contains("computed root: " + report.computedRoot())
                .contains("expected root: " + registered.root())
                .contains("changed scans/001.dcm: computed sha256 " + Hashes.sha256Hex("scan ONE"))
                .contains("expected " + Hashes.sha256Hex("scan one"))
                .contains("removed scans/002.dcm")
                .contains("added   extra.txt");
        assertThatThrownBy(report::requireMatch).isInstanceOf(DatasetMismatchException.class)
                .hasMessageContaining("scans/001.dcm");
    }

    @Test
    void reports_a_root_mismatch_with_both_roots_when_only_the_root_is_known() throws Exception {
        TestFiles.write(copy, "labels.csv", "id,label\n1,b\n");

        final LocalCopyReport report = LocalCopyVerifier.builder().build().verify(copy, registered.root());

        assertThat(report.matches()).isFalse();
        assertThat(report.describe()).contains(report.computedRoot(), registered.root());
    }
}
