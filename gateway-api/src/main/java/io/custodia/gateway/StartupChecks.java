package io.custodia.gateway;

import io.custodia.gateway.config.GatewayConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The checks {@link GatewayMain} runs before anything is created, so that the usual first-hour
 * mistakes (a data directory that cannot be written, a port in use, a PostgreSQL that does not
 * answer) end in one line saying which setting to change, and no half-made data directory.
 */
final class StartupChecks {
    /** How long to wait for PostgreSQL before saying it does not answer (the pool would wait 30 s). */
    static final int STORE_LOGIN_TIMEOUT_SECONDS = 5;

    private StartupChecks() {}

    /** The first problem found, as one line naming the setting; empty when the gateway can start. */
    static Optional<String> problem(final GatewayConfig config) {
        return dataDir(config.dataDir())
                .or(() -> port(config.host(), config.port()))
                .or(() -> config.storeUrl().flatMap(StartupChecks::store));
    }

    static Optional<String> dataDir(final Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of("CUSTODIA_DATA_DIR=" + dir + ": no part of the path exists; choose another directory");
        }
        if (!Files.isDirectory(existing)) {
            return Optional.of("CUSTODIA_DATA_DIR=" + dir + ": " + existing + " is not a directory; choose another directory");
        }
        if (!Files.isWritable(existing)) {
            return Optional.of("CUSTODIA_DATA_DIR=" + dir + ": cannot write " + existing
                    + " (permission denied); choose a directory you can write, or change its permissions");
        }
        return Optional.empty();
    }

    static Optional<String> port(final String host, final int port) {
        if (port == 0) {
            return Optional.empty();
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);   // as Jetty does: a socket in TIME_WAIT is no obstacle
            probe.bind(new InetSocketAddress(host, port));
            return Optional.empty();
        } catch (BindException e) {
            return Optional.of("CUSTODIA_HOST=" + host + " CUSTODIA_PORT=" + port + ": " + e.getMessage()
                    + " (is another gateway running?); stop it or choose another port");
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            return Optional.of("CUSTODIA_HOST=" + host + " CUSTODIA_PORT=" + port + ": cannot listen there (" + e.getMessage()
                    + "); use an address of this machine");
        }
    }

    static Optional<String> store(final String url) {
        DriverManager.setLoginTimeout(STORE_LOGIN_TIMEOUT_SECONDS);
        try {
            final Connection connection = DriverManager.getConnection(url);
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("CUSTODIA_STORE_URL=" + redacted(url) + ": cannot connect to the off-chain store ("
                    + e.getMessage() + "); check the URL and that the database server is running");
        }
    }

    /** The URL without its password, for messages. */
    static String redacted(final String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/@:]*:)[^/@]*@", "$1***@");
    }
}
