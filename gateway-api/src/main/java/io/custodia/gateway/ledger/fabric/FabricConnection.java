package io.custodia.gateway.ledger.fabric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One institution's connection file ({@code formatVersion} 1, docs/fabric.md §5): its MSP ID, channel,
 * chaincode, its own gateway peer and the identities (certificate and key paths) per {@code custodia.role}.
 *
 * <pre>{@code
 * FabricConnection org1 = FabricConnection.read(Path.of("network/native/.run/connections/org1.json"));
 * Optional<FabricConnection.IdentityFiles> auditor = org1.identity("auditor");
 * }</pre>
 */
public record FabricConnection(
        String mspId,
        String channel,
        String chaincode,
        String peerEndpoint,
        Optional<String> peerHostOverride,
        Path tlsCaCert,
        Map<String, IdentityFiles> identities) {

    /** The only format version this reader understands. */
    public static final int FORMAT_VERSION = 1;

    /** The role every connection file must provide: the institution's gateway identity. */
    public static final String INSTITUTION = "institution";

    public FabricConnection {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chaincode, "chaincode");
        Objects.requireNonNull(peerEndpoint, "peerEndpoint");
        Objects.requireNonNull(peerHostOverride, "peerHostOverride");
        Objects.requireNonNull(tlsCaCert, "tlsCaCert");
        identities = Map.copyOf(identities);
        if (!identities.containsKey(INSTITUTION)) {
            throw new IllegalArgumentException("the connection file has no identities.institution");
        }
    }

    /** A certificate (PEM X.509) and its private key (PEM PKCS#8). */
    public record IdentityFiles(Path certificate, Path privateKey) {
        public IdentityFiles {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }

    /** The identity for callers of {@code role}, if this institution has one. */
    public Optional<IdentityFiles> identity(final String role) {
        return Optional.ofNullable(identities.get(role));
    }

    /** Reads and checks a connection file; every problem names the field. */
    public static FabricConnection read(final Path file) {
        final JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Fabric connection file " + file, e);
        }
        if (root == null || !root.isObject()) {
            throw invalid(file, "$", "must be a JSON object");
        }
        final int version = root.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw invalid(file, "formatVersion", "must be " + FORMAT_VERSION + " (found " + root.path("formatVersion") + ")");
        }
        final JsonNode peer = root.path("peer");
        final Map<String, IdentityFiles> identities = new LinkedHashMap<>();
        root.path("identities").properties().forEach(entry -> identities.put(entry.getKey(), new IdentityFiles(
                path(file, entry.getValue(), "identities." + entry.getKey() + ".certPath", "certPath"),
                path(file, entry.getValue(), "identities." + entry.getKey() + ".keyPath", "keyPath"))));
        if (!identities.containsKey(INSTITUTION)) {
            throw invalid(file, "identities.institution", "is required");
        }
        return new FabricConnection(
                text(file, root, "mspId", "mspId"),
                text(file, root, "channel", "channel"),
                text(file, root, "chaincode", "chaincode"),
                text(file, peer, "peer.endpoint", "endpoint"),
                Optional.ofNullable(peer.path("hostOverride").textValue()).filter(s -> !s.isBlank()),
                path(file, peer, "peer.tlsCaCertPath", "tlsCaCertPath"),
                identities);
    }

    private static String text(final Path file, final JsonNode node, final String field, final String name) {
        final String value = node.path(name).textValue();
        if (value == null || value.isBlank()) {
            throw invalid(file, field, "is required");
        }
        return value;
    }

    private static Path path(final Path file, final JsonNode node, final String field, final String name) {
        final Path path = Path.of(text(file, node, field, name));
        if (!path.isAbsolute()) {
            throw invalid(file, field, "must be an absolute path");
        }
        if (!Files.isReadable(path)) {
            throw invalid(file, field, "names a file that cannot be read: " + path);
        }
        return path;
    }

    private static IllegalArgumentException invalid(final Path file, final String field, final String problem) {
        return new IllegalArgumentException("Fabric connection file " + file + ": " + field + " " + problem);
    }
}
