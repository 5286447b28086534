package io.custodia.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Byte-wise search of files for a value, as UTF-8/ASCII and as UTF-16 (both byte orders). */
final class DiskSearch {
    private DiskSearch() {}

    /** The files under {@code root} (recursively) whose bytes contain {@code needle}. */
    static List<Path> filesContaining(final Path root, final byte[] needle) {
        final List<Path> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (final Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (contains(file, needle)) {
                    hits.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    /** The files among {@code files} that contain {@code needle}; missing files are skipped. */
    static List<Path> filesContaining(final List<Path> files, final byte[] needle) {
        final List<Path> hits = new ArrayList<>();
        for (final Path file : files) {
            if (Files.isRegularFile(file) && contains(file, needle)) {
                hits.add(file);
            }
        }
        return hits;
    }

    /** The text's encodings a process could have written: UTF-8, UTF-16LE, UTF-16BE. */
    static List<byte[]> encodings(final String text) {
        return List.of(text.getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_16LE),
                text.getBytes(StandardCharsets.UTF_16BE));
    }

    static boolean contains(final Path file, final byte[] needle) {
        final byte[] haystack;
        try {
            haystack = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return indexOf(haystack, needle) >= 0;
    }

    static int indexOf(final byte[] haystack, final byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
