package io.custodia.sdk.manifest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * The canonical form and order of dataset paths: relative, '/'-separated, Unicode NFC, sorted by
 * their UTF-8 bytes (unsigned).
 *
 * <p>NFC because macOS file systems hand out decomposed names and Linux keeps whatever was written:
 * without normalisation the same dataset copied between them would hash differently. Byte order
 * rather than Java's UTF-16 order because it is what every other language sorts by natively.
 *
 * <pre>{@code
 * String p = CanonicalPaths.of(datasetRoot, file);   // "scans/001.dcm"
 * list.sort(CanonicalPaths.ORDER);
 * }</pre>
 */
public final class CanonicalPaths {
    /** Ascending unsigned UTF-8 byte order of canonical paths. */
    public static final Comparator<String> ORDER =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private CanonicalPaths() {}

    /** The canonical path of {@code file} relative to {@code root}. */
    public static String of(final Path root, final Path file) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(file, "file");
        final Path relative = root.relativize(file);
        final StringBuilder out = new StringBuilder();
        for (final Path segment : relative) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment.toString());
        }
        return Normalizer.normalize(out.toString(), Normalizer.Form.NFC);
    }

    /** Whether {@code path} is already in canonical form. */
    public static boolean isCanonical(final String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")
                || !Normalizer.isNormalized(path, Normalizer.Form.NFC) || path.indexOf('\0') >= 0) {
            return false;
        }
        for (final String segment : path.split("/", -1)) {
            if (segment.isEmpty() || ".".equals(segment) || "..".equals(segment)) {
                return false;
            }
        }
        return true;
    }

    static void requireCanonical(final String path) {
        if (!isCanonical(path)) {
            throw new IllegalArgumentException("not a canonical dataset path (relative, '/'-separated, NFC, "
                    + "no empty, '.' or '..' segment): " + path);
        }
    }
}
