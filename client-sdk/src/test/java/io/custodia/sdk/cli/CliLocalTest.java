package io.custodia.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.sdk.hashing.DatasetHasher;
import io.custodia.sdk.manifest.Manifest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CLI behaviour that needs no gateway: hashing, local verification, and every input or usage error. */
class CliLocalTest {
    static final Path DEMO = Path.of("src/test/resources/demo-dataset");

    @TempDir
    Path tmp;

    private CliRun run(final String... args) {
        return CliRun.run(Map.of(), tmp.resolve("home"), args);
    }

    static void copy(final Path from, final Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (final Path file : (Iterable<Path>) files::iterator) {
                final Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Test
    void an_empty_token_flag_is_a_usage_error_with_a_clear_message_and_no_stack_trace() {
        final CliRun result = run("ledger", "status", "--url", "http://127.0.0.1:9", "--token", "");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--token is empty").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void hash_prints_root_manifest_hash_and_file_count() throws Exception {
        final String expectedRoot = DatasetHasher.builder().build().hash(DEMO.resolve("files")).root();

        final CliRun result = run("hash", DEMO.resolve("files").toString());

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.out()).contains("root          " + expectedRoot).contains("files         5").contains("manifestHash  ");
    }

    @Test
    void hash_json_is_parseable_and_writes_the_manifest() throws Exception {
        final Path manifest = tmp.resolve("manifest.json");

        final CliRun result = run("hash", DEMO.resolve("files").toString(), "--json", "--manifest-out", manifest.toString());

        assertThat(result.exitCode()).isEqualTo(0);
        final JsonNode json = CliContext.json().readTree(result.out());
        final Manifest written = Manifest.parse(Files.readAllBytes(manifest));
        assertThat(json.get("root").asText()).isEqualTo(written.root());
        assertThat(json.get("manifestHash").asText()).isEqualTo(written.manifestHash());
        assertThat(json.get("fileCount").asInt()).isEqualTo(5);
        assertThat(json.get("algorithm").asText()).isEqualTo("sha256-merkle-v1");
    }

    @Test
    void missing_command_or_argument_is_a_usage_error() {
        final CliRun noCommand = run();
        final CliRun noDir = run("hash");
        final CliRun unknownOption = run("hash", DEMO.toString(), "--bogus");

        assertThat(noCommand.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noCommand.err()).contains("a command is required");
        assertThat(noDir.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noDir.err()).contains("Missing required parameter").contains("DIR");
        assertThat(unknownOption.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknownOption.err()).contains("--bogus");
    }

    @Test
    void a_missing_or_unreadable_directory_is_an_input_error() throws Exception {
        final Path locked = Files.createDirectory(tmp.resolve("locked"));
        Files.writeString(locked.resolve("a.txt"), "a");
        locked.toFile().setReadable(false);

        final CliRun missing = run("hash", tmp.resolve("nope").toString());
        final CliRun file = run("hash", DEMO.resolve("mapping.csv").toString());
        final CliRun unreadable = run("hash", locked.toString());
        locked.toFile().setReadable(true);

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(missing.err()).contains("no such directory: " + tmp.resolve("nope"));
        assertThat(file.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(file.err()).contains("not a directory");
        // root ignores permissions; only check the message when the directory really is unreadable
        if (!"root".equals(System.getProperty("user.name"))) {
            assertThat(unreadable.exitCode()).isEqualTo(ExitCodes.INPUT);
            assertThat(unreadable.err()).contains("cannot read");
        }
    }

    @Test
    void verify_names_added_removed_and_changed_files_and_exits_1() throws Exception {
        final Path manifest = tmp.resolve("manifest.json");
        run("hash", DEMO.resolve("files").toString(), "--manifest-out", manifest.toString());
        final String root = Manifest.parse(Files.readAllBytes(manifest)).root();
        final Path copy = tmp.resolve("copy");
        copy(DEMO.resolve("files"), copy);
        Files.writeString(copy.resolve("p2/clinical.csv"), "tampered\n");
        Files.delete(copy.resolve("p3/clinical.csv"));
        Files.writeString(copy.resolve("p1/extra.csv"), "x\n");

        final CliRun result = run("verify", copy.toString(), "--expected-root", root, "--manifest", manifest.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.MISMATCH);
        assertThat(result.out()).contains("does NOT match").contains("expected root: " + root)
                .contains("changed p2/clinical.csv").contains("removed p3/clinical.csv").contains("added   p1/extra.csv");
    }

    @Test
    void verify_of_an_intact_copy_exits_0_and_json_reports_no_difference() throws Exception {
        final Path manifest = tmp.resolve("manifest.json");
        run("hash", DEMO.resolve("files").toString(), "--manifest-out", manifest.toString());
        final String root = Manifest.parse(Files.readAllBytes(manifest)).root();

        final CliRun result = run("verify", DEMO.resolve("files").toString(), "--expected-root", root, "--manifest",
                manifest.toString(), "--json");

        assertThat(result.exitCode()).isEqualTo(0);
        final JsonNode json = CliContext.json().readTree(result.out());
        assertThat(json.get("matches").asBoolean()).isTrue();
        assertThat(json.get("differences")).isEmpty();
    }

    @Test
    void verify_with_only_a_root_reports_both_roots() {
        final CliRun result = run("verify", DEMO.resolve("files").toString(), "--expected-root", "00".repeat(32));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.MISMATCH);
        assertThat(result.out()).contains("computed root: ").contains("expected root: " + "00".repeat(32));
    }

    @Test
    void a_malformed_gateway_url_is_a_usage_error() {
        final CliRun result = run("ledger", "status", "--url", "ftp://example.org", "--token", "t");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("bad gateway URL from --url");
    }

    @Test
    void an_unreachable_gateway_exits_5() throws Exception {
        final int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        final CliRun result = run("ledger", "status", "--url", "http://127.0.0.1:" + port, "--token", "t");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.err()).contains("gateway unavailable").contains("127.0.0.1:" + port);
    }

    @Test
    void a_command_needing_a_token_without_one_is_a_usage_error() {
        final CliRun result = run("ledger", "verify", "--url", "http://127.0.0.1:9");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("no token").contains("CUSTODIA_TOKEN");
    }

    @Test
    void register_without_descriptor_fields_fails_before_hashing_or_calling_the_gateway() {
        final CliRun result = run("register", DEMO.resolve("files").toString(), "--mapping", DEMO.resolve("mapping.csv").toString(),
                "--storage-uri", "file:///data/demo", "--dataset-id", "ds-x", "--url", "http://127.0.0.1:9", "--token", "t");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("descriptor fields missing").contains("format").contains("license");
    }

    @Test
    void a_missing_config_file_given_explicitly_is_an_input_error() {
        final CliRun result = run("ledger", "status", "--config", tmp.resolve("absent.properties").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.err()).contains("cannot read config file");
    }
}
