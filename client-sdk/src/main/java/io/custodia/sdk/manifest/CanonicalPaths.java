package io.custodia.sdk.manifest;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The canonical form and order of dataset paths: relative, '/'-separated, Unicode NFC, sorted by
 * their UTF-8 bytes (unsigned).
 *
 * <p>Paths are made from the bytes of the file names, decoded as strict UTF-8 (the hashing package's
 * {@code FileNames}), never from the platform's lossy decoding. NFC because macOS file systems hand out decomposed names and Linux keeps whatever was written:
 * without normalisation the same dataset copied between them would hash differently. Byte order
 * rather than Java's UTF-16 order because it is what every other language sorts by natively.
 *
 * <pre>{@code
 * boolean ok = CanonicalPaths.isCanonical("scans/001.dcm");   // true
 * list.sort(CanonicalPaths.ORDER);
 * }</pre>
 */
public final class CanonicalPaths {
    /** Ascending unsigned UTF-8 byte order of canonical paths. */
    public static final Comparator<String> ORDER =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private CanonicalPaths() {}

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
