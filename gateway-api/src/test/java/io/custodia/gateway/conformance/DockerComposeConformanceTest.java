package io.custodia.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The conformance scenario on the Docker Compose variant of the network ({@code network/docker/compose.yaml}),
 * started by {@code CUSTODIA_RUNTIME=docker network/native/network.sh up && deploy} in a temporary runtime
 * directory and stopped with {@code down}. Testcontainers is used only to detect Docker (the class is
 * disabled without it); the compose file itself is driven by the network script, which also renders the
 * configuration and crypto material the containers mount. Needs {@code FABRIC_BIN} (host CLI binaries)
 * and {@code chaincode/target/custodia-chaincode.jar}.
 *
 * <p>Not run on the development machine (no Docker there): treat it as untested.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerComposeConformanceTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static Path runtime;

    @BeforeAll
    static void up() throws Exception {
        assumeTrue(System.getenv("FABRIC_BIN") != null, "set FABRIC_BIN to the Fabric 2.5 CLI binaries to run the Docker network");
        assumeTrue(Files.isReadable(ROOT.resolve("chaincode/target/custodia-chaincode.jar")),
                "build chaincode/target/custodia-chaincode.jar first (mvn -pl canonical,chaincode -am package -DskipTests)");
        runtime = Files.createTempDirectory("custodia-docker-net-");
        network("up");
        network("deploy");
    }

    @AfterAll
    static void down() throws Exception {
        if (runtime != null) {
            network("down");
        }
    }

    @Test
    void scenario_passes_on_the_docker_network_and_matches_the_embedded_ledger() throws Exception {
        final Transcript embedded;
        try (Backend backend = Backend.embedded()) {
            embedded = ApiScenario.run(backend);
        }

        final Transcript fabric;
        try (Backend backend = Backend.fabric(runtime)) {
            fabric = ApiScenario.run(backend);
        }

        assertThat(fabric.pretty()).isEqualTo(embedded.pretty());
    }

    private static void network(final String command) throws IOException, InterruptedException {
        final ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("network/native/network.sh").toString(), command)
                .redirectErrorStream(true)
                .redirectOutput(new File(runtime.toFile(), "network-" + command + ".log"));
        pb.environment().put("CUSTODIA_RUNTIME", "docker");
        pb.environment().put("CUSTODIA_NET_DIR", runtime.toString());
        pb.environment().put("CHAINCODE_JAR", ROOT.resolve("chaincode/target/custodia-chaincode.jar").toString());
        final Process process = pb.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("network.sh " + command + " did not finish in 10 minutes");
        }
        assertThat(process.exitValue()).as("network.sh " + command + " (log in " + runtime + ")").isZero();
    }
}
