package io.custodia.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.sdk.manifest.CanonicalPaths;
import io.custodia.sdk.manifest.DatasetTree;
import io.custodia.sdk.manifest.ManifestEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the CLI as a user would, in a child JVM started under {@code LC_ALL=C}, {@code POSIX} and
 * {@code C.UTF-8}, on non-ASCII file names written byte by byte (NFC and NFD), and on a name that is
 * not UTF-8. The JVM decodes file names with the locale's character set, fixed at start-up, so only a
 * child JVM shows what a user's locale does.
 */
@EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "LC_ALL selects the file-name encoding only on POSIX systems")
class LocaleIndependentHashingTest {
    /**
     * The files' canonical paths (NFC); each file holds its own canonical path as content. Decoded as
     * ASCII, "é.txt" and "ö.txt" both read "\uFFFD\uFFFD.txt": a false NFC collision before the fix.
     */
    private static final List<String> CANONICAL = List.of(
            "café/menu café.txt", "café/ü.txt", "é.txt", "ö.txt", "Ａ.txt", "😀.txt", "plain.txt");

    @TempDir
    static Path tmp;

    /**
     * Writes the files through sh(1) with every name and content byte given as an octal escape, so
     * the names on disk are exactly these bytes whatever the test JVM's own locale is.
     */
    @BeforeAll
    static void write_the_datasets() throws Exception {
        final StringBuilder script = new StringBuilder("set -e; cd ").append(quoted(tmp.toString()));
        for (final String path : CANONICAL) {
            final byte[] content = path.getBytes(StandardCharsets.UTF_8);
            write(script, "nfc/" + path, content);
            write(script, "nfd/" + Normalizer.normalize(path, Normalizer.Form.NFD), content);
        }
        write(script, "bad/ok.txt", new byte[] {'o', 'k'});
        script.append("; n=$(printf 'bad/sub/caf\\351 \\377.txt'); mkdir -p bad/sub; printf x > \"$n\"");
        shell(script.toString());
    }

    private static void write(final StringBuilder script, final String name, final byte[] content) {
        script.append("; n=$(printf '").append(octal(name.getBytes(StandardCharsets.UTF_8))).append("')")
                .append("; mkdir -p \"$(dirname \"$n\")\"; printf '").append(octal(content)).append("' > \"$n\"");
    }

    private static String octal(final byte[] bytes) {
        final StringBuilder out = new StringBuilder();
        for (final byte b : bytes) {
            out.append(String.format("\\%03o", b & 0xff));
        }
        return out.toString();
    }

    private static String quoted(final String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String expectedRoot() throws NoSuchAlgorithmException {
        final MessageDigest sha = MessageDigest.getInstance("SHA-256");
        return DatasetTree.root(CANONICAL.stream()
                .map(p -> {
                    final byte[] content = p.getBytes(StandardCharsets.UTF_8);
                    return new ManifestEntry(p, content.length, HexFormat.of().formatHex(sha.digest(content)));
                })
                .sorted((a, b) -> CanonicalPaths.ORDER.compare(a.path(), b.path()))
                .toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"C", "POSIX", "C.UTF-8"})
    void the_root_is_the_same_under_every_locale_for_nfc_and_nfd_names(final String locale) throws Exception {
        final String expected = expectedRoot();

        final Child nfc = cli(locale, "hash", tmp.resolve("nfc").toString(), "--json");
        final Child nfd = cli(locale, "hash", tmp.resolve("nfd").toString(), "--json");

        assertThat(nfc.exitCode()).as(nfc.err()).isEqualTo(0);
        assertThat(nfd.exitCode()).as(nfd.err()).isEqualTo(0);
        final JsonNode json = CliContext.json().readTree(nfc.out());
        assertThat(json.path("root").asText()).isEqualTo(expected);
        assertThat(json.path("fileCount").asInt()).isEqualTo(CANONICAL.size());
        assertThat(CliContext.json().readTree(nfd.out()).path("root").asText()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C", "C.UTF-8"})
    void a_name_that_is_not_utf8_is_refused_naming_the_file(final String locale) throws Exception {
        final Child result = cli(locale, "hash", tmp.resolve("bad").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.err()).contains("file name is not valid UTF-8: sub/caf\\xE9 \\xFF.txt; rename it");
        assertThat(result.out()).doesNotContain("root");
    }

    @Test
    void a_non_ascii_argument_under_an_ascii_locale_is_refused_with_what_to_change() throws Exception {
        final Child result = cli("C", "hash", tmp.resolve("nfc") + "/caf\u00e9");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("LC_ALL=C.UTF-8");
    }

    @Test
    void a_non_ascii_working_directory_under_an_ascii_locale_is_refused_with_what_to_change() throws Exception {
        final Child result = cliIn("C", tmp.resolve("nfc/caf\u00e9").toString(), "hash", ".");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("the current directory has characters").contains("LC_ALL=C.UTF-8");
    }

    private record Child(int exitCode, String out, String err) {}

    /**
     * Runs {@code custodia args...} in a child JVM under {@code LC_ALL=locale}. The command goes
     * through sh(1), non-ASCII arguments as octal escapes, so they reach the child as UTF-8 bytes.
     */
    private static Child cli(final String locale, final String... args) throws IOException, InterruptedException {
        return cliIn(locale, tmp.toString(), args);
    }

    private static Child cliIn(final String locale, final String directory, final String... args)
            throws IOException, InterruptedException {
        final StringBuilder command = new StringBuilder("cd \"$(printf '")
                .append(octal(directory.getBytes(StandardCharsets.UTF_8))).append("')\" && exec ")
                .append(quoted(Path.of(System.getProperty("java.home"), "bin", "java").toString()))
                .append(" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp ").append(quoted(System.getProperty("java.class.path")))
                .append(' ').append(CustodiaCli.class.getName());
        for (final String arg : args) {
            command.append(" \"$(printf '").append(octal(arg.getBytes(StandardCharsets.UTF_8))).append("')\"");
        }
        final ProcessBuilder builder = new ProcessBuilder("sh", "-c", command.toString())
                .redirectOutput(tmp.resolve("child.out").toFile()).redirectError(tmp.resolve("child.err").toFile());
        builder.environment().keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_") || k.startsWith("JAVA_TOOL"));
        builder.environment().put("LC_ALL", locale);
        builder.environment().put("CUSTODIA_NO_PROGRESS", "1");
        final Process child = builder.start();
        if (!child.waitFor(2, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new IllegalStateException("the CLI did not finish");
        }
        return new Child(child.exitValue(), Files.readString(tmp.resolve("child.out"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("child.err"), StandardCharsets.UTF_8));
    }

    private static void shell(final String script) throws IOException, InterruptedException {
        final Process sh = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        final String output = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sh.waitFor()).as(output).isEqualTo(0);
    }

}
