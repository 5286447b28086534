package io.custodia.sdk.hashing;

import io.custodia.sdk.manifest.CanonicalPaths;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a dataset directory and sorts what it finds into regular files (canonical paths), skipped
 * links and special files, and empty directories. Fails on unreadable directories, on names that are
 * not UTF-8 and on names that collide after NFC normalisation, rather than producing a manifest that
 * silently lacks or misnames them.
 */
final class DatasetScanner {
    private final boolean followSymlinks;

    DatasetScanner(final boolean followSymlinks) {
        this.followSymlinks = followSymlinks;
    }

    DatasetScan scan(final Path root) throws DatasetHashingException {
        final Visitor visitor = new Visitor(root);
        final Set<FileVisitOption> options =
                followSymlinks ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : EnumSet.noneOf(FileVisitOption.class);
        try {
            Files.walkFileTree(root, options, Integer.MAX_VALUE, visitor);
        } catch (IOException e) {
            throw new DatasetHashingException("cannot walk " + root + ": " + e.getMessage(), null, e);
        }
        if (visitor.failure != null) {
            throw visitor.failure;
        }
        visitor.files.sort((a, b) -> CanonicalPaths.ORDER.compare(a.path(), b.path()));
        visitor.skipped.sort((a, b) -> CanonicalPaths.ORDER.compare(a.path(), b.path()));
        visitor.emptyDirectories.sort(CanonicalPaths.ORDER);
        return new DatasetScan(visitor.files, visitor.skipped, visitor.emptyDirectories);
    }

    /** Collects entries; counts the entries of each open directory to find empty ones. */
    private static final class Visitor extends SimpleFileVisitor<Path> {
        private final Path root;
        private final List<ScannedFile> files = new ArrayList<>();
        private final List<SkippedEntry> skipped = new ArrayList<>();
        private final List<String> emptyDirectories = new ArrayList<>();
        private final Map<String, Path> seen = new HashMap<>();
        private final Deque<int[]> entryCounts = new ArrayDeque<>();
        private DatasetHashingException failure;

        Visitor(final Path root) {
            this.root = root;
        }

        @Override
        public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attrs) {
            countEntry();
            try {
                pathOf(dir);   // refuse a directory whose name is not UTF-8 before descending into it
            } catch (InvalidFileNameException e) {
                return fail(e);
            }
            entryCounts.push(new int[1]);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(final Path dir, final IOException exc) throws IOException {
            final int entries = entryCounts.pop()[0];
            try {
                if (exc != null) {
                    return fail(new UnreadableFileException(pathOf(dir), exc));
                }
                if (entries == 0 && !dir.equals(root)) {
                    emptyDirectories.add(pathOf(dir));
                }
            } catch (InvalidFileNameException e) {
                return fail(e);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
            countEntry();
            final String path;
            try {
                path = pathOf(file);
            } catch (InvalidFileNameException e) {
                return fail(e);
            }
            if (attrs.isRegularFile()) {
                final Path previous = seen.putIfAbsent(path, file);
                if (previous != null) {
                    return fail(new PathCollisionException(path));
                }
                files.add(new ScannedFile(file, path, attrs.size(), attrs.lastModifiedTime(), attrs.fileKey()));
            } else if (attrs.isSymbolicLink()) {
                // Not followed, or followed but dangling.
                skipped.add(new SkippedEntry(path, SkippedEntry.Reason.SYMLINK));
            } else {
                skipped.add(new SkippedEntry(path, SkippedEntry.Reason.SPECIAL_FILE));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(final Path file, final IOException exc) throws IOException {
            countEntry();
            final String path;
            try {
                path = pathOf(file);
            } catch (InvalidFileNameException e) {
                return fail(e);
            }
            if (exc instanceof FileSystemLoopException) {
                // A followed link leading back to one of its own ancestors: report it, don't recurse.
                skipped.add(new SkippedEntry(path, SkippedEntry.Reason.SYMLINK));
                return FileVisitResult.CONTINUE;
            }
            if (exc instanceof NoSuchFileException) {
                return fail(new FileChangedException(path, "removed during the scan", exc));
            }
            return fail(new UnreadableFileException(path, exc));
        }

        private void countEntry() {
            final int[] count = entryCounts.peek();
            if (count != null) {
                count[0]++;
            }
        }

        private String pathOf(final Path file) throws InvalidFileNameException {
            return file.equals(root) ? "." : FileNames.canonicalPath(root, file);
        }

        private FileVisitResult fail(final DatasetHashingException e) {
            failure = e;
            return FileVisitResult.TERMINATE;
        }
    }
}
