package io.custodia.gateway.store;

import static io.custodia.gateway.store.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What can be proven on disk for PostgreSQL (needs {@code CUSTODIA_TEST_POSTGRES_URL} and a
 * readable {@code CUSTODIA_TEST_POSTGRES_DATADIR}; skipped otherwise).
 *
 * <p>Proven: (1) after erasure, {@code VACUUM (FULL)} and {@code CHECKPOINT}, none of the store's
 * relation files (tables, indexes, TOAST, all forks and segments, located with {@code
 * pg_relation_filepath}) contains the subject's reference, canary, ciphertext or wrapped data key,
 * while the other subject's data is still there; (2) the pre-VACUUM relation files are gone or
 * empty; (3) values the store encrypts (patient id, pointers, consent document) never reach any
 * relation file or WAL segment in clear.
 *
 * <p>Not proven, and not true: that the WAL ({@code pg_wal}, archives, replicas, base backups) no
 * longer holds the deleted rows. PostgreSQL keeps them until the segments are recycled and
 * overwritten; there they remain only as ciphertext under a data key that is itself wrapped by
 * the key-encryption key outside the database (see gateway-api/docs/off-chain-store.md). Free filesystem
 * blocks of unlinked files are outside what a file search can see.
 */
class PostgresErasureCanaryTest {
    private PostgresTestDatabase database;
    private Path dataDir;

    @BeforeEach
    void require_postgres_with_readable_data_directory() {
        final String url = PostgresTestDatabase.urlFromEnvironment();
        Assumptions.assumeTrue(url != null, "set CUSTODIA_TEST_POSTGRES_URL to run the PostgreSQL erasure canary");
        final String dir = System.getenv(PostgresTestDatabase.DATADIR_VARIABLE);
        Assumptions.assumeTrue(dir != null && !dir.isBlank(),
                "set CUSTODIA_TEST_POSTGRES_DATADIR to the server's data directory to search its files");
        dataDir = Path.of(dir);
        Assumptions.assumeTrue(Files.isReadable(dataDir.resolve("base")) && Files.isReadable(dataDir.resolve("pg_wal")),
                "CUSTODIA_TEST_POSTGRES_DATADIR is not readable by this user (run as root or postgres)");
        database = new PostgresTestDatabase(url);
    }

    @AfterEach
    void drop_schema() throws SQLException {
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void erased_subject_leaves_no_trace_in_the_relation_files_and_encrypted_values_never_reach_the_wal()
            throws Exception {
        final String canary = "CANARY-" + UUID.randomUUID();
        final KeyEncryptionKey kek = TestData.newKek();
        try (OffChainStore store = OffChainStore.open(database.config(kek, new MutableClock(java.time.Instant.now())))) {
            final String erased = CanaryData.plant(store, canary);
            final String kept = CanaryData.plant(store, "KEPT-" + UUID.randomUUID());
            final List<byte[]> erasedBlobs;
            final List<byte[]> keptBlobs;
            try (Connection c = database.connect()) {
                erasedBlobs = CanaryData.blobsOf(c, erased);
                keptBlobs = CanaryData.blobsOf(c, kept);
                checkpoint(c);
            }
            final List<Path> before = relationFiles();

            assertThat(DiskSearch.filesContaining(before, utf8(erased))).as("control: subjectRef before erasure")
                    .isNotEmpty();
            assertThat(DiskSearch.filesContaining(before, utf8(CanaryData.eventIdOf(canary))))
                    .as("control: event id stored in clear before erasure").isNotEmpty();
            for (final byte[] blob : erasedBlobs) {
                assertThat(DiskSearch.filesContaining(before, blob)).as("control: blob before erasure").isNotEmpty();
            }

            final ErasureResult result = store.erasure().eraseSubject(erased);

            assertThat(result.erasedAnything()).isTrue();
            final List<Path> after = relationFiles();
            for (final byte[] encoding : DiskSearch.encodings(canary)) {
                assertThat(DiskSearch.filesContaining(after, encoding)).as("canary after erasure").isEmpty();
            }
            for (final byte[] encoding : DiskSearch.encodings(erased)) {
                assertThat(DiskSearch.filesContaining(after, encoding)).as("subjectRef after erasure").isEmpty();
            }
            assertThat(DiskSearch.filesContaining(after, utf8(CanaryData.eventIdOf(canary))))
                    .as("the event names no subject and stays, as on the ledger").isNotEmpty();
            for (final byte[] blob : erasedBlobs) {
                assertThat(DiskSearch.filesContaining(after, blob)).as("ciphertext after erasure").isEmpty();
            }
            final List<Path> replaced = new ArrayList<>(before);
            replaced.removeAll(after);
            assertThat(replaced).as("VACUUM FULL gave the tables new files").isNotEmpty();
            assertThat(DiskSearch.filesContaining(replaced, utf8(erased))).as("old relation files").isEmpty();
            assertThat(DiskSearch.filesContaining(after, utf8(kept))).as("the other subject survives").isNotEmpty();
            for (final byte[] blob : keptBlobs) {
                assertThat(DiskSearch.filesContaining(after, blob)).as("the other subject's blobs").isNotEmpty();
            }
            for (final String encrypted : List.of("#patient", "#pointer", "#consent")) {
                for (final byte[] encoding : DiskSearch.encodings(canary + encrypted)) {
                    assertThat(DiskSearch.filesContaining(dataDir.resolve("pg_wal"), encoding))
                            .as("%s never reaches the WAL in clear", encrypted).isEmpty();
                    assertThat(DiskSearch.filesContaining(before, encoding))
                            .as("%s never reaches a relation file in clear", encrypted).isEmpty();
                }
            }
        }
    }

    private static void checkpoint(final Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            // Flushes the planted rows from shared buffers into the relation files searched below.
            st.execute("CHECKPOINT");
        }
    }

    /** Every file of every relation in the test schema, with their TOAST tables and indexes. */
    private List<Path> relationFiles() throws SQLException, IOException {
        final List<String> relative = new ArrayList<>();
        try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(
                "WITH rels AS (SELECT c.oid, c.reltoastrelid FROM pg_class c JOIN pg_namespace n"
                        + " ON n.oid = c.relnamespace WHERE n.nspname = ?),"
                        + " toast AS (SELECT reltoastrelid AS oid FROM rels WHERE reltoastrelid <> 0),"
                        + " toast_idx AS (SELECT indexrelid AS oid FROM pg_index WHERE indrelid IN"
                        + " (SELECT oid FROM toast))"
                        + " SELECT pg_relation_filepath(oid) FROM (SELECT oid FROM rels UNION SELECT oid FROM toast"
                        + " UNION SELECT oid FROM toast_idx) r WHERE pg_relation_filepath(oid) IS NOT NULL")) {
            ps.setString(1, database.schema());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    relative.add(rs.getString(1));
                }
            }
        }
        assertThat(relative).as("relations of the store schema").hasSizeGreaterThan(10);
        final List<Path> files = new ArrayList<>();
        for (final String rel : relative) {
            final Path main = dataDir.resolve(rel);
            final String base = main.getFileName().toString();
            // Segments (.1, .2, …) and the free-space and visibility-map forks.
            try (Stream<Path> siblings = Files.list(main.getParent())) {
                siblings.filter(p -> {
                    final String name = p.getFileName().toString();
                    return name.equals(base) || name.startsWith(base + ".") || name.startsWith(base + "_");
                }).forEach(files::add);
            }
        }
        return files;
    }
}
