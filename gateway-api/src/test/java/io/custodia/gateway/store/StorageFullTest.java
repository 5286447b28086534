package io.custodia.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A full disk, injected at the connection: commits fail with SQLITE_FULL (and, worse, so does the
 * rollback). The store must report the disk, not the rollback, and work again once space is back,
 * without being reopened.
 */
class StorageFullTest {
    @TempDir
    Path dir;

    private final AtomicBoolean diskFull = new AtomicBoolean();
    private final AtomicBoolean rollbackFails = new AtomicBoolean();

    /** Connections whose commit (and optionally rollback) fail as SQLite fails when the disk is full. */
    private DataSource filling(final DataSource real) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    final Object result = invoke(real, method, args);
                    return result instanceof Connection c && method.getName().equals("getConnection") ? filling(c) : result;
                });
    }

    private Connection filling(final Connection real) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit") && diskFull.get()) {
                        throw new SQLiteException("[SQLITE_FULL] database or disk is full", SQLiteErrorCode.SQLITE_FULL);
                    }
                    if (method.getName().equals("rollback") && rollbackFails.get()) {
                        invoke(real, method, args);
                        throw new SQLiteException("[SQLITE_IOERR] disk I/O error", SQLiteErrorCode.SQLITE_IOERR);
                    }
                    return invoke(real, method, args);
                });
    }

    private static Object invoke(final Object target, final java.lang.reflect.Method method, final Object[] args)
            throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void a_full_disk_is_reported_as_such_with_the_failed_rollback_kept_and_the_store_recovers_when_space_is_back() {
        try (OffChainStore store = OffChainStore.open(StoreConfig.sqlite(dir, TestData.newKek()).withConnections(this::filling))) {
            diskFull.set(true);
            rollbackFails.set(true);

            assertThatThrownBy(() -> store.datasets().put(new DatasetPointer("ds-full", "s3://bucket/full", "Org1MSP")))
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.storageFull()).isTrue();
                        assertThat(e.getMessage()).contains("disk is full").contains("put dataset pointer");
                        // The original failure is the cause; the rollback's failure is only attached.
                        assertThat(e.getCause()).isInstanceOf(SQLiteException.class).hasMessageContaining("SQLITE_FULL");
                        assertThat(e.getCause().getSuppressed()).singleElement().satisfies(
                                r -> assertThat(r).hasMessageContaining("SQLITE_IOERR"));
                    });
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.datasets().put(new DatasetPointer("ds-full-2", "s3://bucket/full-2", "Org1MSP"));
                return null;
            })).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.storageFull()).isTrue());

            diskFull.set(false);
            rollbackFails.set(false);

            assertThat(store.datasets().find("ds-full")).isEmpty();
            store.datasets().put(new DatasetPointer("ds-full", "s3://bucket/full", "Org1MSP"));
            store.inTransaction(tx -> {
                tx.datasets().put(new DatasetPointer("ds-full-2", "s3://bucket/full-2", "Org1MSP"));
                return null;
            });
            assertThat(store.datasets().find("ds-full")).isPresent();
            assertThat(store.datasets().find("ds-full-2")).isPresent();
        }
    }

    @Test
    void recognises_a_full_disk_on_either_database_and_from_the_file_system() {
        assertThat(StoreException.isStorageFull(new SQLiteException("full", SQLiteErrorCode.SQLITE_FULL))).isTrue();
        assertThat(StoreException.isStorageFull(new StoreException("x", new SQLException("could not extend file", "53100")))).isTrue();
        assertThat(StoreException.isStorageFull(new StoreException("x",
                new java.io.UncheckedIOException(new java.io.IOException("No space left on device"))))).isTrue();
        assertThat(StoreException.isStorageFull(new SQLiteException("busy", SQLiteErrorCode.SQLITE_BUSY))).isFalse();
        assertThat(StoreException.isStorageFull(new SQLException("unique violation", "23505"))).isFalse();
    }
}
