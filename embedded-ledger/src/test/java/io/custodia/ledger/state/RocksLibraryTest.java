package io.custodia.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes sharing {@code ROCKSDB_SHAREDLIB_DIR} share one copy of the native library that no start
 * rewrites: RocksDB's own loader deleted and rewrote it on every start, and a process that had it
 * mapped died of SIGBUS.
 */
class RocksLibraryTest {
    @TempDir
    Path dir;

    /** Opens a state store (which loads the library) in the directory given, then exits. */
    public static final class OpenState {
        public static void main(final String[] args) {
            StateStore.open(Path.of(args[0])).close();
            System.out.println("OPENED");
        }
    }

    private void runChild(final Path shared, final String name) throws IOException, InterruptedException {
        final ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OpenState.class.getName(), dir.resolve(name).toString())
                .redirectErrorStream(true);
        builder.environment().put(RocksLibrary.SHARED_DIR, shared.toString());
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("OPENED");
    }

    /** Every file under {@code shared} with its inode and modification time. */
    private static Map<String, String> files(final Path shared) throws IOException {
        final Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(shared)) {
            for (final Path p : walk.filter(Files::isRegularFile).toList()) {
                final BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class);
                out.put(shared.relativize(p).toString(), attributes.fileKey() + "@" + attributes.lastModifiedTime());
            }
        }
        return out;
    }

    @Test
    void a_second_process_reuses_the_shared_copy_without_rewriting_it() throws Exception {
        final Path shared = Files.createDirectories(dir.resolve("shared"));

        runChild(shared, "first");
        final Map<String, String> afterFirst = files(shared);
        runChild(shared, "second");

        assertThat(files(shared)).as("not rewritten by the second start").isEqualTo(afterFirst);
        assertThat(afterFirst).hasSize(1);
        assertThat(afterFirst.keySet().iterator().next()).startsWith("rocksdbjni-");
    }

    @Test
    void a_damaged_copy_is_replaced_by_a_whole_new_file_and_an_intact_one_is_reused() throws IOException {
        final Path file = RocksLibrary.extract(dir);
        final Object intact = Files.readAttributes(file, BasicFileAttributes.class).fileKey();

        assertThat(RocksLibrary.extract(dir)).isEqualTo(file);
        assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey()).isEqualTo(intact);

        final Object damaged = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        final Path again = RocksLibrary.extract(dir);

        assertThat(again).isEqualTo(file);
        assertThat(Files.size(again)).isGreaterThan(1_000_000);
        assertThat(Files.readAttributes(again, BasicFileAttributes.class).fileKey()).isNotEqualTo(damaged);
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file);
        }
    }
}
