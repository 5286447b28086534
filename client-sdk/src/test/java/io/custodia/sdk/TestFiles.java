package io.custodia.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: write small datasets, read vectors. */
public final class TestFiles {
    private TestFiles() {}

    public static Path write(final Path root, final String relative, final String content) {
        return write(root, relative, content.getBytes(StandardCharsets.UTF_8));
    }

    public static Path write(final Path root, final String relative, final byte[] content) {
        try {
            final Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode vector(final String name) {
        try (InputStream in = TestFiles.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no vector " + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the files of a vector ({@code path} plus {@code content} text or {@code contentHex}). */
    public static void writeVectorFiles(final Path root, final JsonNode files) {
        for (final JsonNode file : files) {
            final byte[] content = file.has("contentHex")
                    ? java.util.HexFormat.of().parseHex(file.get("contentHex").asText())
                    : file.get("content").asText().getBytes(StandardCharsets.UTF_8);
            write(root, file.get("path").asText(), content);
        }
    }

    public static Path resource(final String name) {
        try {
            return Path.of(TestFiles.class.getResource("/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
