package io.custodia.gateway.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on embedded SQLite in a temporary directory (always runs). */
class SqliteOffChainStoreTest extends OffChainStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected StoreConfig config(final KeyEncryptionKey kek, final MutableClock clock) {
        return StoreConfig.sqlite(dataDir, kek).withClock(clock);
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        final Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(StoreConfig.SQLITE_FILE));
        c.createStatement().execute("PRAGMA busy_timeout = 30000");
        return c;
    }

    @Override
    protected void dropDatabase() throws IOException {
        // The database, its WAL and shared-memory files; @TempDir removes the directory.
        for (final String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(dataDir.resolve(StoreConfig.SQLITE_FILE + suffix));
        }
    }
}
