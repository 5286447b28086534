package io.custodia.canonical;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * The one writer of keys and secrets (gateway, embedded ledger, CLI): a file is written atomically and
 * durably (temporary file created 0600, fsync, rename, fsync of the directory), so a reader sees the
 * old or the new content, never a torn one, and a secret is never readable by others, not even for
 * the instant between creating and restricting the file. Missing directories are created 0700.
 */
public final class PrivateFiles {
    private static final FileAttribute<?> OWNER_FILE = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<?> OWNER_DIR = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private PrivateFiles() {}

    /** Creates {@code dir} and its missing parents with mode 0700 (existing directories are left as they are). */
    public static void createDirectories(final Path dir) throws IOException {
        final Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        if (absolute.getParent() != null) {
            createDirectories(absolute.getParent());
        }
        try {
            if (posix(absolute.getParent())) {
                Files.createDirectory(absolute, OWNER_DIR);
            } else {
                Files.createDirectory(absolute);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
        }
    }

    /** Writes {@code content} to {@code file} atomically with mode 0600; a crash leaves the old file or the new one. */
    public static void write(final Path file, final byte[] content) throws IOException {
        final Path dir = file.toAbsolutePath().getParent();
        createDirectories(dir);
        final Path tmp = dir.resolve(file.getFileName() + ".tmp");
        // A leftover from a crash may have been created by an older version with wider permissions.
        Files.deleteIfExists(tmp);
        final EnumSet<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel channel = posix(dir) ? FileChannel.open(tmp, options, OWNER_FILE) : FileChannel.open(tmp, options)) {
            final ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another writer is writing " + file, e);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the rename itself is still atomic there.
        }
    }

    private static boolean posix(final Path dir) throws IOException {
        return Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
    }
}
