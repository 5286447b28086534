package io.custodia.ledger.state;

import io.custodia.canonical.Hashes;
import io.custodia.ledger.LedgerException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;

/**
 * Loads RocksDB's JNI library. Without {@code ROCKSDB_SHAREDLIB_DIR} RocksDB copies it from its jar to
 * a new temporary file of this process. With it, RocksDB itself would delete and rewrite one fixed file
 * in that directory on every start, so a second process starting while a first had the library mapped
 * rewrote it under the first, which died of SIGBUS. Here the copy is content-addressed instead:
 * {@code <dir>/rocksdbjni-<first 16 hex of SHA-256>/}, written once to a temporary name and renamed into
 * place, reused by every later start while its bytes are identical, and never rewritten in place.
 */
final class RocksLibrary {
    static final String SHARED_DIR = "ROCKSDB_SHAREDLIB_DIR";

    private RocksLibrary() {}

    static void load() {
        final String shared = System.getenv(SHARED_DIR);
        if (shared == null || shared.isEmpty()) {
            RocksDB.loadLibrary();
            return;
        }
        try {
            final Path file = extract(Path.of(shared));
            RocksDB.loadLibrary(List.of(file.getParent().toString()));
        } catch (IOException e) {
            throw new LedgerException("cannot place RocksDB's native library in " + shared + " (" + SHARED_DIR + "): "
                    + e.getMessage(), e);
        }
    }

    /**
     * The library of this platform from RocksDB's jar as a file under {@code sharedDir}: an existing
     * identical copy, or a new one renamed into place whole (so no process ever maps a half-written file).
     */
    static Path extract(final Path sharedDir) throws IOException {
        final byte[] library = resource();
        final String digest = Hashes.sha256Hex(library);
        final Path dir = sharedDir.resolve("rocksdbjni-" + digest.substring(0, 16));
        // The name RocksDB.loadLibrary(paths) looks for in each directory.
        final Path file = dir.resolve(Environment.getJniLibraryFileName("rocksdbjni"));
        if (Files.isRegularFile(file) && Hashes.sha256Hex(Files.readAllBytes(file)).equals(digest)) {
            return file;
        }
        Files.createDirectories(dir);
        final Path tmp = Files.createTempFile(dir, "librocksdbjni", ".tmp");
        try {
            Files.write(tmp, library);
            // Replacing a damaged copy by rename leaves a process that mapped the old inode untouched.
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    private static byte[] resource() throws IOException {
        for (final String name : new String[] {Environment.getJniLibraryFileName("rocksdb"),
                Environment.getFallbackJniLibraryFileName("rocksdb")}) {
            if (name == null) {
                continue;
            }
            try (InputStream in = RocksDB.class.getResourceAsStream("/" + name)) {
                if (in != null) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IOException("RocksDB's jar has no native library for this platform");
    }
}
