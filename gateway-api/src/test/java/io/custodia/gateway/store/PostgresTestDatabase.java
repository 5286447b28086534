package io.custodia.gateway.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh schema per test in a PostgreSQL database given by JDBC URL, so tests never see each
 * other's rows and leave nothing behind.
 */
final class PostgresTestDatabase {
    static final String URL_VARIABLE = "CUSTODIA_TEST_POSTGRES_URL";
    static final String DATADIR_VARIABLE = "CUSTODIA_TEST_POSTGRES_DATADIR";

    private final String url;
    private final String schema;

    PostgresTestDatabase(final String url) {
        this.url = url;
        this.schema = "store_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
    }

    /** The URL from the environment, or null when unset. */
    static String urlFromEnvironment() {
        final String value = System.getenv(URL_VARIABLE);
        return value == null || value.isBlank() ? null : value;
    }

    String schema() {
        return schema;
    }

    StoreConfig config(final KeyEncryptionKey kek, final MutableClock clock) {
        return StoreConfig.postgres(url, kek).withSchema(schema).withClock(clock);
    }

    Connection connect() throws SQLException {
        final Connection c = DriverManager.getConnection(url);
        c.setSchema(schema);
        return c;
    }

    void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
