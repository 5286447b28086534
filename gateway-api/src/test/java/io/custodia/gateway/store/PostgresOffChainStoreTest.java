package io.custodia.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;

/**
 * The store contract on a real PostgreSQL given by {@code CUSTODIA_TEST_POSTGRES_URL} (CI sets it
 * through {@code .ci/postgres-setup.sh}); skipped when unset.
 */
class PostgresOffChainStoreTest extends OffChainStoreContract {
    private PostgresTestDatabase database;

    @Override
    protected StoreConfig config(final KeyEncryptionKey kek, final MutableClock clock) {
        if (database == null) {
            final String url = PostgresTestDatabase.urlFromEnvironment();
            Assumptions.assumeTrue(url != null,
                    "set CUSTODIA_TEST_POSTGRES_URL to run the store suite against PostgreSQL"
                            + " (e.g. eval \"$(bash .ci/postgres-setup.sh)\")");
            database = new PostgresTestDatabase(url);
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
