package io.custodia.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The store contract on a throw-away PostgreSQL container; disabled (not failed) where no Docker
 * engine is available, as on the project's CI, which uses {@link PostgresOffChainStoreTest}.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersPostgresOffChainStoreTest extends OffChainStoreContract {
    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:15-alpine");

    private PostgresTestDatabase database;

    @Override
    protected StoreConfig config(final KeyEncryptionKey kek, final MutableClock clock) {
        if (database == null) {
            database = new PostgresTestDatabase(POSTGRES.getJdbcUrl() + "&user=" + POSTGRES.getUsername()
                    + "&password=" + POSTGRES.getPassword());
        }
        return database.config(kek, clock);
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return database.connect();
    }

    @Override
    protected void dropDatabase() throws SQLException {
        if (database != null) {
            database.drop();
        }
    }
}
