package io.custodia.gateway.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The off-chain stores a gateway test runs on: the embedded SQLite default, and PostgreSQL in a fresh
 * schema of the database named by {@code CUSTODIA_TEST_POSTGRES_URL} (skipped with a message when it
 * is unset). Use as {@code @MethodSource("io.custodia.gateway.testing.TestStores#kinds")}.
 */
public final class TestStores {
    public static final String SQLITE = "sqlite";
    public static final String POSTGRESQL = "postgresql";
    private static final String URL_VARIABLE = "CUSTODIA_TEST_POSTGRES_URL";

    /** Schemas this JVM created, dropped when it exits (the gateways using them are closed by then). */
    private static final java.util.List<String> CREATED = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestStores::dropCreated, "test-stores-cleanup"));
    }

    private TestStores() {}

    private static void dropCreated() {
        final String url = System.getenv(URL_VARIABLE);
        if (url == null || CREATED.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            for (final String schema : CREATED) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            // Best effort: a leftover schema of a test database harms nothing.
        }
    }

    public static Stream<String> kinds() {
        return Stream.of(SQLITE, POSTGRESQL);
    }

    /** Gateway settings for a store of {@code kind}: none for SQLite, a new schema's URL for PostgreSQL. */
    public static Map<String, String> settings(final String kind) throws SQLException {
        if (SQLITE.equals(kind)) {
            return Map.of();
        }
        final String url = System.getenv(URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), URL_VARIABLE + " is not set: the PostgreSQL variant is skipped");
        final String schema = "gw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        CREATED.add(schema);
        return Map.of("CUSTODIA_STORE_URL", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }
}
