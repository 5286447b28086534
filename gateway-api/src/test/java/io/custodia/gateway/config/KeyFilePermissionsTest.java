package io.custodia.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.gateway.testing.RunningGateway;
import io.custodia.ledger.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every key and secret of a fresh data directory is 0600 in 0700 directories; a readable one stops the start. */
class KeyFilePermissionsTest {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @TempDir
    static Path root;
    private static Path data;

    @BeforeAll
    static void start_once() {
        data = root.resolve("data");
        try (RunningGateway gateway = RunningGateway.start(data)) {
            assertThat(gateway.baseUrl()).startsWith("http://");
        }
    }

    private static List<Path> secrets() throws IOException {
        try (Stream<Path> keys = Files.walk(data.resolve("keys")); Stream<Path> ledger = Files.walk(data.resolve("ledger/identities"))) {
            return Stream.concat(keys, ledger).toList();
        }
    }

    private static Path copyOfData(final String name) throws IOException {
        final Path target = root.resolve(name);
        try (Stream<Path> files = Files.walk(data)) {
            for (final Path p : files.sorted().toList()) {
                if (!p.getFileName().toString().equals("LOCK")) {
                    Files.copy(p, target.resolve(data.relativize(p).toString()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }

    @Test
    void no_key_secret_or_directory_holding_them_is_open_to_group_or_others() throws IOException {
        final List<Path> all = secrets();

        assertThat(all).contains(data.resolve("keys/pepper.hex"), data.resolve("keys/store-kek.hex"), data.resolve("keys/dev-jwt.json"),
                data.resolve("ledger/identities/LedgerNodeMSP/ledger-node-key.pem"));
        for (final Path p : all) {
            final Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
            assertThat(mode).as(p + " " + PosixFilePermissions.toString(mode)).doesNotContainAnyElementsOf(GROUP_OR_OTHERS);
        }
    }

    @Test
    void the_gateway_refuses_to_start_on_a_readable_gateway_secret_naming_the_chmod() throws IOException {
        final Path copy = copyOfData("readable-pepper");
        final Path pepper = copy.resolve("keys/pepper.hex");
        Files.setPosixFilePermissions(pepper, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> RunningGateway.start(copy))
                .isInstanceOf(PrivateFiles.InsecureFileException.class)
                .hasMessageContaining("chmod 600 " + pepper);
    }

    @Test
    void the_gateway_refuses_to_start_on_a_readable_ledger_node_key_naming_the_chmod() throws IOException {
        final Path copy = copyOfData("readable-node-key");
        final Path nodeKey = copy.resolve("ledger/identities/LedgerNodeMSP/ledger-node-key.pem");
        Files.setPosixFilePermissions(nodeKey, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> RunningGateway.start(copy))
                .isInstanceOf(PrivateFiles.InsecureFileException.class)
                .hasMessageContaining("chmod 600 " + nodeKey);
    }
}
