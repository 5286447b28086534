package io.custodia.sdk.client;

import io.custodia.gateway.Gateway;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.config.GatewayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real gateway (embedded ledger, SQLite store, random loopback port) in a temporary directory. Started
 * through gateway-api's main code, because its test helpers are not visible to this module.
 */
public final class TestGateway implements AutoCloseable {
    private final Gateway gateway;

    private TestGateway(final Gateway gateway) {
        this.gateway = gateway;
    }

    private static TestGateway shared;

    /**
     * One gateway for every test class of the run: starting the embedded ledger costs seconds, and the
     * tests use their own dataset and institution names so they do not interfere.
     */
    public static synchronized TestGateway shared() {
        if (shared == null) {
            shared = start();
            final TestGateway gateway = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(gateway::close));
        }
        return shared;
    }

    public static TestGateway start() {
        try {
            final Path data = Files.createTempDirectory("custodia-sdk-gw-");
            return new TestGateway(Gateway.start(GatewayConfig.load(Map.of(
                    "CUSTODIA_DATA_DIR", data.toString(), "CUSTODIA_PORT", "0"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return gateway.baseUrl();
    }

    public String token(final UserRole role, final String institution, final String subject) {
        return gateway.devTokens().orElseThrow().issue(new Principal(role, institution, subject), Duration.ofMinutes(30));
    }

    public CustodiaClient client(final UserRole role, final String institution, final String subject) {
        return CustodiaClient.builder().baseUrl(baseUrl()).token(token(role, institution, subject)).build();
    }

    @Override
    public void close() {
        gateway.close();
    }
}
