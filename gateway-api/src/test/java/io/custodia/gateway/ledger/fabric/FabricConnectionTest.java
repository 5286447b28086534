package io.custodia.gateway.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FabricConnectionTest {
    @TempDir
    Path dir;

    private Path file(final String name) throws Exception {
        final Path f = dir.resolve(name);
        Files.writeString(f, "-----BEGIN PLACEHOLDER-----\n");
        return f;
    }

    private String json(final int version, final boolean auditor) throws Exception {
        final String identity = "{\"certPath\":\"" + file("cert.pem") + "\",\"keyPath\":\"" + file("key.pem") + "\"}";
        return "{\"formatVersion\":" + version + ",\"mspId\":\"Org1MSP\",\"channel\":\"custodia\",\"chaincode\":\"custodia\","
                + "\"peer\":{\"endpoint\":\"127.0.0.1:7051\",\"hostOverride\":\"peer0.org1\",\"tlsCaCertPath\":\"" + file("ca.pem") + "\"},"
                + "\"identities\":{\"institution\":" + identity + (auditor ? ",\"auditor\":" + identity : "") + "}}";
    }

    @Test
    void reads_the_peer_and_one_identity_per_role() throws Exception {
        final Path f = dir.resolve("org1.json");
        Files.writeString(f, json(1, true));

        final FabricConnection c = FabricConnection.read(f);

        assertThat(c.mspId()).isEqualTo("Org1MSP");
        assertThat(c.peerEndpoint()).isEqualTo("127.0.0.1:7051");
        assertThat(c.peerHostOverride()).contains("peer0.org1");
        assertThat(c.identity("institution")).isPresent();
        assertThat(c.identity("auditor")).isPresent();
    }

    @Test
    void has_no_auditor_identity_when_the_file_lists_none() throws Exception {
        final Path f = dir.resolve("org2.json");
        Files.writeString(f, json(1, false));

        assertThat(FabricConnection.read(f).identity("auditor")).isEmpty();
    }

    @Test
    void refuses_an_unknown_format_version() throws Exception {
        final Path f = dir.resolve("v2.json");
        Files.writeString(f, json(2, false));

        assertThatThrownBy(() -> FabricConnection.read(f)).hasMessageContaining("formatVersion must be 1");
    }

    @Test
    void refuses_relative_or_missing_paths_naming_the_field() throws Exception {
        final Path f = dir.resolve("bad.json");
        Files.writeString(f, json(1, false).replace(file("ca.pem").toString(), "ca.pem"));

        assertThatThrownBy(() -> FabricConnection.read(f)).hasMessageContaining("peer.tlsCaCertPath must be an absolute path");
    }
}
