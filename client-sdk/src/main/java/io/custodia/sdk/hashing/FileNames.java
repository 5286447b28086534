package io.custodia.sdk.hashing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;

/**
 * The canonical path of a file in the dataset, from the bytes of its name, whatever the locale.
 *
 * <p>On Linux the JDK decodes file names with {@code sun.jnu.encoding}, fixed at start-up from the
 * locale (under {@code LC_ALL=C} it is ASCII, and a {@code -Dsun.jnu.encoding} flag is ignored on
 * JDK 17), and it replaces every byte it cannot decode with U+FFFD, silently. A name that decodes
 * without U+FFFD under a UTF-8 {@code sun.jnu.encoding} is exact; any other name is re-read from
 * the bytes the file system gave: the JDK keeps them in the {@link Path} and percent-encodes them,
 * unchanged, in {@link Path#toUri()}. Those bytes are then decoded as strict UTF-8 and anything that
 * is not UTF-8 is refused, naming the file.
 */
final class FileNames {
    /** Whether {@code Path.toString()} of a listed name is exact when it holds no U+FFFD. */
    private static final boolean NAMES_DECODED_AS_UTF8 = File.separatorChar == '\\'   // Windows names are UTF-16
            || "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));

    private FileNames() {}

    /**
     * {@code file}'s path relative to {@code root} (a directory {@code file} was listed under),
     * segments joined by '/', Unicode NFC.
     */
    static String canonicalPath(final Path root, final Path file) throws InvalidFileNameException {
        final StringBuilder joined = new StringBuilder();
        for (final Path segment : root.relativize(file)) {
            if (joined.length() > 0) {
                joined.append('/');
            }
            joined.append(segment.toString());
        }
        final String decoded = NAMES_DECODED_AS_UTF8 && joined.indexOf("\uFFFD") < 0 ? joined.toString() : fromBytes(root, file);
        return Normalizer.normalize(decoded, Normalizer.Form.NFC);
    }

    private static String fromBytes(final Path root, final Path file) throws InvalidFileNameException {
        final String rootUri = withSlash(root.toUri().getRawPath());
        final String fileUri = withoutSlash(file.toUri().getRawPath());
        if (!fileUri.startsWith(rootUri)) {
            throw new IllegalStateException(file + " is not under " + root);
        }
        final byte[] bytes = percentDecoded(fileUri.substring(rootUri.length()));
        final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return strict.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidFileNameException(escaped(bytes));
        }
    }

    /** The UTF-8 parts as text and every other byte as {@code \xHH}. */
    static String escaped(final byte[] bytes) {
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        final CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        final StringBuilder text = new StringBuilder();
        while (true) {
            final CoderResult result = decoder.decode(in, out, true);
            text.append(out.flip());
            out.clear();
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    text.append(String.format("\\x%02X", in.get() & 0xff));
                }
            } else if (result.isUnderflow()) {
                return text.toString();
            }
        }
    }

    private static byte[] percentDecoded(final String raw) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            final char c = raw.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.write(c);   // toUri() leaves only ASCII unescaped
            }
        }
        return bytes.toByteArray();
    }

    private static String withSlash(final String uriPath) {
        return uriPath.endsWith("/") ? uriPath : uriPath + "/";
    }

    private static String withoutSlash(final String uriPath) {
        return uriPath.endsWith("/") ? uriPath.substring(0, uriPath.length() - 1) : uriPath;
    }
}
