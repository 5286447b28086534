package io.custodia.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.gateway.config.GatewaySettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar custodia-gateway.jar} as a first-time user meets it: --help and failed starts. */
class GatewayMainStartupTest {
    @TempDir
    Path tmp;

    private record Result(GatewayMain.Launch launch, String out, String err) {}

    private static Result launch(final Map<String, String> env, final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final GatewayMain.Launch launch = GatewayMain.launch(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        launch.gateway().ifPresent(Gateway::close);
        return new Result(launch, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void help_lists_every_setting_with_its_default_and_starts_nothing() {
        final Path data = tmp.resolve("data");

        final Result result = launch(Map.of("CUSTODIA_DATA_DIR", data.toString()), "--help");

        assertThat(result.launch().gateway()).isEmpty();
        assertThat(result.launch().exitCode()).isEqualTo(0);
        for (final GatewaySettings.Setting setting : GatewaySettings.ALL) {
            assertThat(result.out()).contains(setting.name()).contains("default: " + setting.defaultValue()).contains(setting.meaning());
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void an_unknown_argument_is_a_usage_error_pointing_at_help() {
        final Result result = launch(Map.of("CUSTODIA_DATA_DIR", tmp.resolve("data").toString()), "--port=9000");

        assertThat(result.launch().exitCode()).isEqualTo(GatewayMain.CONFIGURATION);
        assertThat(result.err()).contains("unknown argument --port=9000").contains("--help");
    }

    @Test
    void a_data_directory_that_cannot_be_created_is_one_line_naming_the_setting() throws Exception {
        final Path file = Files.writeString(tmp.resolve("a-file"), "x");

        final Result result = launch(Map.of("CUSTODIA_DATA_DIR", file.resolve("data").toString(), "CUSTODIA_PORT", "0"));

        assertThat(result.launch().exitCode()).isEqualTo(GatewayMain.CONFIGURATION);
        assertThat(result.err().strip()).doesNotContain("\n").contains("CUSTODIA_DATA_DIR=").contains("is not a directory");
    }

    @Test
    void a_port_in_use_is_one_line_naming_the_setting_and_leaves_no_data_directory() throws Exception {
        final Path data = tmp.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            final Result result = launch(Map.of("CUSTODIA_DATA_DIR", data.toString(), "CUSTODIA_HOST", "127.0.0.1",
                    "CUSTODIA_PORT", Integer.toString(taken.getLocalPort())));

            assertThat(result.launch().exitCode()).isEqualTo(GatewayMain.CONFIGURATION);
            assertThat(result.err().strip()).doesNotContain("\n").contains("CUSTODIA_PORT=" + taken.getLocalPort())
                    .contains("choose another port");
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void an_unreachable_postgresql_names_the_store_url_without_its_password_and_leaves_no_data_directory() throws Exception {
        final Path data = tmp.resolve("data");
        final int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }

        final Result result = launch(Map.of("CUSTODIA_DATA_DIR", data.toString(), "CUSTODIA_PORT", "0",
                "CUSTODIA_STORE_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/custodia?user=custodia&password=s3cret"));

        assertThat(result.launch().exitCode()).isEqualTo(GatewayMain.CONFIGURATION);
        assertThat(result.err().strip()).doesNotContain("\n").contains("CUSTODIA_STORE_URL=").contains("password=***")
                .doesNotContain("s3cret").contains("cannot connect to the off-chain store");
        assertThat(data).doesNotExist();
    }

    @Test
    void the_readme_settings_table_is_the_generated_one() throws Exception {
        final String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);

        assertThat(readme).contains(GatewaySettings.markdownTable());
    }

    @Test
    void every_custodia_variable_the_configuration_reads_is_in_the_settings_table() throws Exception {
        // GatewayConfig reads the settings; the federation's live in its own config record.
        final String source = Files.readString(Path.of("src/main/java/io/custodia/gateway/config/GatewayConfig.java"))
                + Files.readString(Path.of("src/main/java/io/custodia/gateway/federation/FederationConfig.java"));
        final java.util.Set<String> read = new java.util.TreeSet<>();
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(CUSTODIA_[A-Z_]+)\"").matcher(source);
        while (m.find()) {
            read.add(m.group(1));
        }

        assertThat(read).isNotEmpty();
        assertThat(GatewaySettings.ALL.stream().map(GatewaySettings.Setting::name)).containsExactlyInAnyOrderElementsOf(read);
    }
}
