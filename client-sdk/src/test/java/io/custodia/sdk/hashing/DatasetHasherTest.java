package io.custodia.sdk.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.custodia.sdk.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetHasherTest {
    @TempDir
    Path dir;

    @Test
    void does_not_follow_symlinks_by_default_and_reports_them() throws Exception {
        final Path dataset = dir.resolve("dataset");
        TestFiles.write(dataset, "data/a.txt", "a");
        final Path outside = TestFiles.write(dir, "outside/secret.txt", "s");
        Files.createSymbolicLink(dataset.resolve("data/link.txt"), outside);
        final String rootWithoutLink = rootOf("data/a.txt", "a");

        final DatasetHash result = DatasetHasher.builder().build().hash(dataset);

        assertThat(result.root()).isEqualTo(rootWithoutLink);
        assertThat(result.skipped()).containsExactly(new SkippedEntry("data/link.txt", SkippedEntry.Reason.SYMLINK));
    }

    @Test
    void hashes_link_targets_when_asked_to_follow_links() throws Exception {
        final Path dataset = dir.resolve("dataset");
        TestFiles.write(dataset, "a.txt", "a");
        final Path outside = TestFiles.write(dir, "outside/t.txt", "target");
        Files.createSymbolicLink(dataset.resolve("link.txt"), outside);
        Files.createSymbolicLink(dataset.resolve("dangling.txt"), dataset.resolve("nowhere"));

        final DatasetHash result = DatasetHasher.builder().followSymlinks(true).build().hash(dataset);

        assertThat(result.manifest().files()).extracting(e -> e.path()).containsExactly("a.txt", "link.txt");
        assertThat(result.manifest().files().get(1).size()).isEqualTo(6);
        assertThat(result.skipped()).containsExactly(new SkippedEntry("dangling.txt", SkippedEntry.Reason.SYMLINK));
    }

    @Test
    void reports_empty_directories_without_changing_the_root() throws Exception {
        TestFiles.write(dir, "a.txt", "a");
        final String before = DatasetHasher.builder().build().hash(dir).root();
        Files.createDirectories(dir.resolve("empty/nested"));
        Files.createDirectories(dir.resolve("also-empty"));

        final DatasetHash result = DatasetHasher.builder().build().hash(dir);

        assertThat(result.root()).isEqualTo(before);
        assertThat(result.emptyDirectories()).containsExactly("also-empty", "empty/nested");
    }

    @Test
    void rejects_a_dataset_without_regular_files() throws Exception {
        Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> DatasetHasher.builder().build().hash(dir))
                .isInstanceOf(EmptyDatasetException.class)
                .hasMessageContaining("no regular file")
                .hasMessageContaining("1 empty directories");
    }

    @Test
    void rejects_a_root_that_is_not_a_directory() {
        final Path file = TestFiles.write(dir, "a.txt", "a");

        assertThatThrownBy(() -> DatasetHasher.builder().build().hash(file))
                .isInstanceOf(DatasetHashingException.class)
                .hasMessageContaining("not a directory");
    }

    @Test
    void fails_naming_a_file_that_grows_while_it_is_hashed() {
        TestFiles.write(dir, "growing.bin", new byte[4 << 20]);
        final AtomicBoolean appended = new AtomicBoolean();
        final DatasetHasher hasher = DatasetHasher.builder().threads(1).progress(p -> {
            if (p.bytesDone() > 0 && appended.compareAndSet(false, true)) {
                append(dir.resolve("growing.bin"), new byte[] {1, 2, 3});
            }
        }).build();

        assertThatThrownBy(() -> hasher.hash(dir))
                .isInstanceOf(FileChangedException.class)
                .hasMessageContaining("growing.bin")
                .satisfies(e -> assertThat(((FileChangedException) e).path()).contains("growing.bin"));
    }

    @Test
    void fails_naming_a_file_rewritten_in_place_while_it_is_hashed() {
        TestFiles.write(dir, "a.txt", "a");
        TestFiles.write(dir, "rewritten.bin", new byte[4 << 20]);
        final AtomicBoolean touched = new AtomicBoolean();
        final DatasetHasher hasher = DatasetHasher.builder().threads(1).progress(p -> {
            if (p.bytesDone() > 0 && p.filesDone() == 0 && touched.compareAndSet(false, true)) {
                setModified(dir.resolve("rewritten.bin"), FileTime.fromMillis(1_000_000L));
            }
        }).build();

        assertThatThrownBy(() -> hasher.hash(dir))
                .isInstanceOf(FileChangedException.class)
                .hasMessageContaining("rewritten.bin")
                .hasMessageContaining("modified time");
    }

    @Test
    void fails_naming_a_file_that_cannot_be_opened() throws Exception {
        TestFiles.write(dir, "ok.txt", "ok");
        TestFiles.write(dir, "locked/secret.dcm", "x");
        final DatasetHasher hasher = ((DefaultDatasetHasher.DefaultBuilder) DatasetHasher.builder())
                .opener((file, options) -> {
                    if (file.endsWith("secret.dcm")) {
                        throw new AccessDeniedException(file.toString());
                    }
                    return java.nio.channels.FileChannel.open(file, options);
                })
                .build();

        assertThatThrownBy(() -> hasher.hash(dir))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("cannot read locked/secret.dcm: permission denied");
    }

    @Test
    void fails_on_a_file_without_read_permission_when_not_root() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads files regardless of permissions");
        final Path file = TestFiles.write(dir, "noread.txt", "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));

        assertThatThrownBy(() -> DatasetHasher.builder().build().hash(dir))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("noread.txt");
    }

    @Test
    void rejects_two_names_equal_after_nfc_normalisation() {
        TestFiles.write(dir, "caf\u00e9.txt", "composed");
        TestFiles.write(dir, "cafe\u0301.txt", "decomposed");

        assertThatThrownBy(() -> DatasetHasher.builder().build().hash(dir))
                .isInstanceOf(PathCollisionException.class)
                .hasMessageContaining("caf\u00e9.txt");
    }

    @Test
    void parallel_and_sequential_hashing_give_the_same_root() throws Exception {
        final Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            final byte[] content = new byte[random.nextInt(200_000)];
            random.nextBytes(content);
            TestFiles.write(dir, "d" + (i % 7) + "/f" + i + ".bin", content);
        }

        final DatasetHash sequential = DatasetHasher.builder().threads(1).build().hash(dir);
        final DatasetHash parallel = DatasetHasher.builder().threads(4).build().hash(dir);

        assertThat(parallel.manifest()).isEqualTo(sequential.manifest());
        assertThat(parallel.fileCount()).isEqualTo(200);
    }

    @Test
    void reports_progress_reaching_the_totals() throws Exception {
        TestFiles.write(dir, "big.bin", new byte[3 << 20]);
        TestFiles.write(dir, "small.txt", "small");
        final List<HashProgress> seen = new CopyOnWriteArrayList<>();

        DatasetHasher.builder().threads(2).progress(seen::add).build().hash(dir);

        final long total = (3 << 20) + 5;
        assertThat(seen).allSatisfy(p -> assertThat(p.bytesTotal()).isEqualTo(total));
        assertThat(seen).anySatisfy(p -> assertThat(p.bytesDone()).isBetween(1L, total - 1));
        assertThat(seen).contains(new HashProgress(total, total, 2, 2));
    }

    private String rootOf(final String path, final String content) throws Exception {
        final Path other = dir.resolve("reference");
        TestFiles.write(other, path, content);
        return DatasetHasher.builder().build().hash(other).root();
    }

    private static void append(final Path file, final byte[] bytes) {
        try {
            Files.write(file, bytes, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void setModified(final Path file, final FileTime time) {
        try {
            Files.setLastModifiedTime(file, time);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
