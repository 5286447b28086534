package io.custodia.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Files only their owner may read: private keys and secrets. They are created with mode 0600 (and
 * their new directories 0700) by the {@code open} call itself, never chmod-ed afterwards, so there is
 * no moment at which another local user could open them. A key file that group or others can read
 * is refused with the {@code chmod} to run: such a key may have been copied, and with the ledger's
 * node key a local user can re-sign a changed block.
 *
 * <p>File systems without POSIX permissions keep their defaults and are not checked.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {}

    /** Creates {@code dir} and its missing parents with mode 0700 ({@link io.custodia.canonical.PrivateFiles}). */
    public static void createDirectories(final Path dir) throws IOException {
        io.custodia.canonical.PrivateFiles.createDirectories(dir);
    }

    /** Writes {@code bytes} to {@code file} atomically with mode 0600 ({@link io.custodia.canonical.PrivateFiles}). */
    public static void writeAtomically(final Path file, final byte[] bytes) throws IOException {
        io.custodia.canonical.PrivateFiles.write(file, bytes);
    }

    /**
     * Throws {@link InsecureFileException} if group or others have any permission on {@code file};
     * the message names the file and the {@code chmod} that fixes it.
     */
    public static void requireOwnerOnly(final Path file) throws IOException {
        final PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        final Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new InsecureFileException(file, PosixFilePermissions.toString(permissions));
        }
    }

    /** {@link #requireOwnerOnly} for every regular file under {@code dir} that {@code secret} selects. */
    public static void requireOwnerOnlyUnder(final Path dir, final Predicate<Path> secret) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(secret).sorted().toList();
        }
        for (final Path file : files) {
            requireOwnerOnly(file);
        }
    }

    /** Whether a file name is that of a private key kept by the ledger ({@code *-key.pem}). */
    public static boolean isKeyFile(final Path file) {
        return file.getFileName().toString().endsWith("-key.pem");
    }

    /** A key or secret file that group or others can read or write. */
    public static final class InsecureFileException extends LedgerException {
        private static final long serialVersionUID = 1L;
        private final transient Path file;

        InsecureFileException(final Path file, final String mode) {
            super("refusing to use " + file + ": it holds a private key or secret but its mode is " + mode
                    + " (group/others may read it); run: chmod 600 " + file);
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }
}
