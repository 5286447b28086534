package io.custodia.gateway.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real Fabric network tests run against when {@code CUSTODIA_TEST_FABRIC_NETWORK} (or the system
 * property {@code custodia.test.fabric.network}) names a runtime directory made by
 * {@code network/native/network.sh up && deploy}, holding {@code connections/org1.json} and {@code org2.json}.
 */
public final class FabricTestNetwork {
    public static final String VARIABLE = "CUSTODIA_TEST_FABRIC_NETWORK";
    public static final String SKIP_MESSAGE = "set " + VARIABLE + "=<network runtime dir, e.g. network/native/.run> "
            + "after network.sh up && deploy to run against Fabric";

    private FabricTestNetwork() {}

    /** The runtime directory, if configured and holding both connection files. */
    public static Optional<Path> directory() {
        final String value = Optional.ofNullable(System.getProperty("custodia.test.fabric.network")).orElse(System.getenv(VARIABLE));
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        final Path dir = Path.of(value).toAbsolutePath();
        return Files.isReadable(dir.resolve("connections/org1.json")) && Files.isReadable(dir.resolve("connections/org2.json"))
                ? Optional.of(dir) : Optional.empty();
    }

    /** Skips the calling test (with the message above) when no network is configured. */
    public static Path require() {
        final Optional<Path> dir = directory();
        assumeTrue(dir.isPresent(), SKIP_MESSAGE);
        return dir.get();
    }

    /** The connection file of institution {@code n} (1 or 2). */
    public static Path connection(final int n) {
        return require().resolve("connections/org" + n + ".json");
    }
}
