package io.custodia.gateway.store;

import static io.custodia.gateway.store.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * THE ERASURE CANARY on SQLite: after erasing a subject and closing the store, no file in the data
 * directory holds any byte sequence that belonged to that subject.
 *
 * <p>Searched for, as UTF-8 and UTF-16 (LE and BE): the canary planted as patient id, item pointer,
 * consent document text and (stored in clear) disclosure event id; and, byte-wise, what actually reached the disk for that subject: its
 * subject reference, the wrapped data key and the pointer ciphertext. A control search before the
 * erasure must find the on-disk values (so the search can fail), and the other subject's data
 * must still be found afterwards (so the store was not simply wiped).
 */
class SqliteErasureCanaryTest {
    @TempDir
    Path dataDir;

    @Test
    void erased_subject_leaves_no_trace_in_the_data_directory() throws SQLException {
        final String canary = "CANARY-" + UUID.randomUUID();
        final KeyEncryptionKey kek = TestData.newKek();
        final String erased;
        final String kept;
        try (OffChainStore store = OffChainStore.open(StoreConfig.sqlite(dataDir, kek))) {
            erased = CanaryData.plant(store, canary);
            kept = CanaryData.plant(store, "KEPT-" + UUID.randomUUID());
        }
        final List<byte[]> onDisk = rawValuesOf(erased);
        final List<byte[]> keptOnDisk = rawValuesOf(kept);

        assertThat(DiskSearch.filesContaining(dataDir, utf8(erased))).as("control: subjectRef before erasure")
                .isNotEmpty();
        for (final byte[] value : onDisk) {
            assertThat(DiskSearch.filesContaining(dataDir, value)).as("control: stored blob before erasure")
                    .isNotEmpty();
        }
        assertThat(DiskSearch.filesContaining(dataDir, utf8(CanaryData.eventIdOf(canary))))
                .as("control: the disclosure row stores the event id in clear").isNotEmpty();
        for (final String encrypted : List.of("#patient", "#pointer", "#consent")) {
            for (final byte[] encoding : DiskSearch.encodings(canary + encrypted)) {
                assertThat(DiskSearch.filesContaining(dataDir, encoding))
                        .as("%s is stored only as HMAC or ciphertext", encrypted).isEmpty();
            }
        }

        final ErasureResult result;
        try (OffChainStore store = OffChainStore.open(StoreConfig.sqlite(dataDir, kek))) {
            result = store.erasure().eraseSubject(erased);
        }

        assertThat(result.erasedAnything()).isTrue();
        for (final byte[] encoding : DiskSearch.encodings(canary)) {
            assertThat(DiskSearch.filesContaining(dataDir, encoding)).as("canary after erasure").isEmpty();
        }
        for (final byte[] encoding : DiskSearch.encodings(erased)) {
            assertThat(DiskSearch.filesContaining(dataDir, encoding)).as("subjectRef after erasure").isEmpty();
        }
        assertThat(DiskSearch.filesContaining(dataDir, utf8(CanaryData.eventIdOf(canary))))
                .as("the event names no subject and stays, as on the ledger").isNotEmpty();
        for (final byte[] value : onDisk) {
            assertThat(DiskSearch.filesContaining(dataDir, value)).as("ciphertext or wrapped key after erasure")
                    .isEmpty();
        }
        assertThat(DiskSearch.filesContaining(dataDir, utf8(kept))).as("the other subject survives").isNotEmpty();
        for (final byte[] value : keptOnDisk) {
            assertThat(DiskSearch.filesContaining(dataDir, value)).as("the other subject's blobs survive")
                    .isNotEmpty();
        }
    }

    private List<byte[]> rawValuesOf(final String subjectRef) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(StoreConfig.SQLITE_FILE))) {
            return CanaryData.blobsOf(c, subjectRef);
        }
    }
}
