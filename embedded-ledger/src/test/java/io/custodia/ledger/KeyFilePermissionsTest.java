package io.custodia.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilePermissionsTest {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @TempDir
    Path dir;

    private List<Path> everything(final Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.toList();
        }
    }

    @Test
    void a_fresh_data_dir_has_no_key_or_identity_file_that_group_or_others_can_read() throws IOException {
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            TestLedgers.member(ledger);
            ledger.identity("AuditorMSP", "gateway-auditor", java.util.Map.of("custodia.role", "auditor"));
        }

        final List<Path> identities = everything(dir.resolve("identities"));
        assertThat(identities.stream().filter(PrivateFiles::isKeyFile).count()).as("CA and member keys of 3 MSPs").isEqualTo(6);
        for (final Path p : identities) {
            final Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
            assertThat(mode).as(p + " " + PosixFilePermissions.toString(mode)).doesNotContainAnyElementsOf(GROUP_OR_OTHERS);
        }
        assertThat(everything(dir).stream().filter(p -> p.toString().contains(".tmp"))).isEmpty();
    }

    @Test
    void an_existing_key_that_others_can_read_is_refused_naming_the_file_and_the_chmod() throws IOException {
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            TestLedgers.member(ledger);
        }
        final Path memberKey = dir.resolve("identities/Org1MSP/alice-key.pem");
        Files.setPosixFilePermissions(memberKey, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> TestLedgers.open(dir))
                .isInstanceOf(PrivateFiles.InsecureFileException.class)
                .hasMessageContaining(memberKey.toString())
                .hasMessageContaining("chmod 600 " + memberKey);

        Files.setPosixFilePermissions(memberKey, PosixFilePermissions.fromString("rw-------"));
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            assertThat(ledger.info().height()).isEqualTo(1);
        }
    }
}
