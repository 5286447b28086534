package io.custodia.gateway.conformance;

import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.testing.FabricTestNetwork;
import io.custodia.gateway.testing.RunningGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a scenario runs: the gateway that serves each institution (1 = Org1MSP, 2 = Org2MSP).
 * Embedded: one gateway on one single-node ledger serves both. Fabric: one gateway per institution,
 * each with its own connection file and its own SQLite store, over the same channel.
 */
interface Backend extends AutoCloseable {
    String name();

    RunningGateway gateway(int institution);

    default LedgerClient ledger(final int institution) {
        return gateway(institution).gateway().ledger();
    }

    @Override
    void close();

    static Backend embedded() throws IOException {
        final RunningGateway gateway = RunningGateway.start(Files.createTempDirectory("custodia-conf-embedded-"));
        return new Backend() {
            @Override
            public String name() {
                return "embedded";
            }

            @Override
            public RunningGateway gateway(final int institution) {
                return gateway;
            }

            @Override
            public void close() {
                gateway.close();
            }
        };
    }

    static Backend fabric(final Path networkDir) throws IOException {
        final RunningGateway org1 = fabricGateway(networkDir, 1);
        final RunningGateway org2;
        try {
            org2 = fabricGateway(networkDir, 2);
        } catch (RuntimeException e) {
            org1.close();
            throw e;
        }
        return new Backend() {
            @Override
            public String name() {
                return "fabric";
            }

            @Override
            public RunningGateway gateway(final int institution) {
                return institution == 1 ? org1 : org2;
            }

            @Override
            public void close() {
                org2.close();
                org1.close();
            }
        };
    }

    private static RunningGateway fabricGateway(final Path networkDir, final int institution) throws IOException {
        return RunningGateway.start(Files.createTempDirectory("custodia-conf-fabric-org" + institution + "-"), Map.of(
                "CUSTODIA_LEDGER", "fabric",
                "CUSTODIA_FABRIC_CONNECTION", networkDir.resolve("connections/org" + institution + ".json").toString()));
    }

    /** The configured Fabric network, if any (see {@link FabricTestNetwork}). */
    static java.util.Optional<Path> fabricNetwork() {
        return FabricTestNetwork.directory();
    }
}
