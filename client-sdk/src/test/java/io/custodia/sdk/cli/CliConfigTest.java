package io.custodia.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliConfigTest {
    @TempDir
    Path home;

    private CliContext ctx(final Map<String, String> env) {
        return new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), env, home, false);
    }

    private void writeDefaultFile() throws Exception {
        final Path file = home.resolve(".config/custodia/config.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "url=http://file:1\ntoken=file-token\n");
    }

    @Test
    void flags_win_over_environment_and_file() throws Exception {
        writeDefaultFile();

        final CliConfig c = CliConfig.resolve(Optional.of("http://flag:1"), Optional.of("flag-token"), Optional.empty(),
                ctx(Map.of("CUSTODIA_URL", "http://env:1", "CUSTODIA_TOKEN", "env-token")));

        assertThat(c.url()).contains("http://flag:1");
        assertThat(c.token()).contains("flag-token");
        assertThat(c.urlSource()).isEqualTo("--url");
    }

    @Test
    void environment_wins_over_file() throws Exception {
        writeDefaultFile();

        final CliConfig c = CliConfig.resolve(Optional.empty(), Optional.empty(), Optional.empty(),
                ctx(Map.of("CUSTODIA_URL", "http://env:1", "CUSTODIA_TOKEN", "env-token")));

        assertThat(c.url()).contains("http://env:1");
        assertThat(c.token()).contains("env-token");
    }

    @Test
    void file_fills_what_flags_and_environment_leave_open() throws Exception {
        writeDefaultFile();

        final CliConfig c = CliConfig.resolve(Optional.empty(), Optional.empty(), Optional.empty(),
                ctx(Map.of("CUSTODIA_URL", "http://env:1")));

        assertThat(c.url()).contains("http://env:1");
        assertThat(c.token()).contains("file-token");
    }

    @Test
    void explicit_config_file_replaces_the_default_one() throws Exception {
        writeDefaultFile();
        final Path other = Files.writeString(home.resolve("other.properties"), "url=http://other:2\n");

        final CliConfig c = CliConfig.resolve(Optional.empty(), Optional.empty(), Optional.of(other), ctx(Map.of()));

        assertThat(c.url()).contains("http://other:2");
        assertThat(c.token()).isEmpty();
    }

    @Test
    void defaults_to_a_local_gateway_without_any_source() {
        final CliConfig c = CliConfig.resolve(Optional.empty(), Optional.empty(), Optional.empty(), ctx(Map.of()));

        assertThat(c.url()).contains(CliConfig.DEFAULT_URL);
        assertThat(c.urlSource()).isEqualTo("default");
    }
}
