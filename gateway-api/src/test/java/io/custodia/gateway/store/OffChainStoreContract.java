package io.custodia.gateway.store;

import static io.custodia.gateway.store.TestData.ref;
import static io.custodia.gateway.store.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.canonical.Hashes;
import io.custodia.canonical.MerkleTree;
import io.custodia.canonical.Pseudonyms;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link OffChainStore} dialect must have. Subclasses supply a fresh,
 * empty database per test.
 */
abstract class OffChainStoreContract {
    protected static final Instant START = Instant.parse("2026-11-22T08:00:00Z");
    protected static final byte[] PEPPER = utf8("institution-pepper-0123456789abcdef");
    protected MutableClock clock;
    protected KeyEncryptionKey kek;
    protected OffChainStore store;

    /** A config for this test's database (same database on every call within one test). */
    protected abstract StoreConfig config(KeyEncryptionKey kek, MutableClock clock);

    /** A plain JDBC connection to this test's database, to look at the rows as stored. */
    protected abstract Connection rawConnection() throws SQLException;

    /** Removes this test's database. */
    protected abstract void dropDatabase() throws Exception;

    @BeforeEach
    void open_store() {
        clock = new MutableClock(START);
        kek = TestData.newKek();
        store = OffChainStore.open(config(kek, clock));
    }

    @AfterEach
    void close_store() throws Exception {
        if (store != null) {
            store.close();
        }
        dropDatabase();
    }

    // ---- dataset pointers

    @Test
    void stores_replaces_and_deletes_dataset_pointers() {
        store.datasets().put(new DatasetPointer("ds-1", "s3://bucket/ds-1/", "HOSP-A"));
        store.datasets().put(new DatasetPointer("ds-1", "s3://bucket/ds-1-v2/", "HOSP-A"));
        store.items().put(new SubjectItems("ds-1", ref("s1"), List.of("s3://bucket/ds-1/s1.dcm"), new byte[16]));

        final DatasetPointer found = store.datasets().find("ds-1").orElseThrow();
        final boolean deleted = store.datasets().delete("ds-1");

        assertThat(found).isEqualTo(new DatasetPointer("ds-1", "s3://bucket/ds-1-v2/", "HOSP-A"));
        assertThat(deleted).isTrue();
        assertThat(store.datasets().find("ds-1")).isEmpty();
        assertThat(store.items().find("ds-1", ref("s1"))).as("items of a deleted dataset").isEmpty();
        assertThat(store.datasets().delete("ds-1")).isFalse();
    }

    // ---- item pointers

    @Test
    void stores_item_pointers_and_salt_encrypted_and_reads_them_back() throws SQLException {
        final byte[] salt = TestData.randomBytes(32);
        final SubjectItems items = new SubjectItems("ds-1", ref("s1"),
                List.of("s3://bucket/plain-pointer-a.dcm", "s3://bucket/plain-pointer-b.dcm"), salt);

        store.items().put(items);
        final SubjectItems back = store.items().find("ds-1", ref("s1")).orElseThrow();

        assertThat(back).isEqualTo(items);
        assertThat(back.itemSalt()).isEqualTo(salt);
        try (Connection c = rawConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT encrypted_pointers, encrypted_item_salt FROM subject_items")) {
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(DiskSearch.indexOf(rs.getBytes(1), utf8("plain-pointer"))).isEqualTo(-1);
                assertThat(DiskSearch.indexOf(rs.getBytes(2), salt)).isEqualTo(-1);
            }
        }
    }

    @Test
    void replaces_item_pointers_of_a_subject() {
        store.items().put(new SubjectItems("ds-1", ref("s1"), List.of("a"), new byte[16]));

        store.items().put(new SubjectItems("ds-1", ref("s1"), List.of("b", "c"), new byte[16]));

        assertThat(store.items().find("ds-1", ref("s1")).orElseThrow().pointers()).containsExactly("b", "c");
    }

    @Test
    void resolves_items_of_requested_subjects_only() {
        store.items().put(new SubjectItems("ds-1", ref("s1"), List.of("p1"), new byte[16]));
        store.items().put(new SubjectItems("ds-1", ref("s2"), List.of("p2"), new byte[16]));
        store.items().put(new SubjectItems("ds-2", ref("s3"), List.of("p3"), new byte[16]));

        final List<String> asked = List.of(ref("s1"), ref("s3"), ref("x"));

        // A few of many subjects (one lookup each), and most of them (the dataset's range, filtered).
        for (final long datasetSubjects : new long[] {1_000, 3}) {
            final PointerRead read = store.items().pointersOf("ds-1", asked, datasetSubjects);
            assertThat(read.datasetId()).isEqualTo("ds-1");
            assertThat(read.bySubject()).as("with %d subjects in the dataset", datasetSubjects).containsOnlyKeys(ref("s1"));
            assertThat(read.bySubject().get(ref("s1"))).containsExactly("p1");
        }
        assertThat(store.items().pointersOf("ds-1", List.of(ref("s2")), 2).bySubject()).containsOnlyKeys(ref("s2"));
        assertThat(store.items().find("ds-1", ref("s3"))).isEmpty();
        assertThat(store.items().find("ds-2", ref("s3")).orElseThrow().pointers()).containsExactly("p3");
    }

    @Test
    void tells_which_subjects_read_still_have_items_after_an_erasure() {
        store.items().put(new SubjectItems("ds-1", ref("s1"), List.of("p1"), new byte[16]));
        store.items().put(new SubjectItems("ds-1", ref("s2"), List.of("p2"), new byte[16]));
        store.items().put(new SubjectItems("ds-2", ref("s3"), List.of("p3"), new byte[16]));
        final PointerRead read = store.items().pointersOf("ds-1", List.of(ref("s1"), ref("s2"), ref("x")), 2);

        assertThat(store.items().current(read)).as("nothing deleted since the read").isSameAs(read);
        store.erasure().eraseSubject(ref("s2"));

        assertThat(present(store.items().current(read))).containsExactly(ref("s1"));
        assertThat(store.items().current(read).bySubject().get(ref("s1"))).containsExactly("p1");
        assertThat(present(store.items().current(store.items().pointersOf("ds-1", List.of(), 2)))).isEmpty();
    }

    @Test
    void any_deletion_of_items_since_a_read_makes_the_re_check_look() {
        store.datasets().put(new DatasetPointer("ds-1", "s3://bucket/ds-1/", "HOSP-A"));
        store.items().put(new SubjectItems("ds-1", ref("s1"), List.of("p1"), new byte[16]));
        store.items().put(new SubjectItems("ds-2", ref("s2"), List.of("p2"), new byte[16]));
        final PointerRead ofDataset1 = store.items().pointersOf("ds-1", List.of(ref("s1")), 1);
        final PointerRead ofDataset2 = store.items().pointersOf("ds-2", List.of(ref("s2")), 1);

        store.datasets().delete("ds-1");

        assertThat(present(store.items().current(ofDataset1))).as("a deleted dataset's items").isEmpty();
        assertThat(store.items().current(ofDataset1).storageUri()).as("a deleted dataset's pointer").isNull();
        assertThat(present(store.items().current(ofDataset2))).containsExactly(ref("s2"));
        store.erasure().eraseSubject(ref("s2"));
        assertThat(present(store.items().current(ofDataset2))).isEmpty();
    }

    /**
     * The access flow takes pointers from memory without reading the mark ({@code cachedPointersOf}),
     * then re-checks them inside its transaction ({@code current}). A second store on the same
     * database stands for another gateway process: what it replaced or erased is what the re-check
     * returns, and the first store's memory stops answering for the older mark.
     */
    @Test
    void pointers_taken_from_memory_are_re_read_in_the_transaction_after_another_process_changed_items() {
        store.datasets().put(new DatasetPointer("ds-1", "s3://bucket/ds-1/", "HOSP-A"));
        store.items().put(new SubjectItems("ds-1", ref("s1"), List.of("p1"), new byte[16]));
        store.items().put(new SubjectItems("ds-1", ref("s2"), List.of("p2"), new byte[16]));
        final List<String> both = List.of(ref("s1"), ref("s2"));
        assertThat(store.items().cachedPointersOf("ds-1", both)).as("nothing read yet").isEmpty();
        store.items().pointersOf("ds-1", both, 2);
        final PointerRead cached = store.items().cachedPointersOf("ds-1", both).orElseThrow();
        assertThat(cached.bySubject()).containsEntry(ref("s1"), List.of("p1")).containsEntry(ref("s2"), List.of("p2"));
        assertThat(cached.storageUri()).isEqualTo("s3://bucket/ds-1/");
        assertThat(store.items().cachedPointersOf("ds-1", List.of(ref("s1"), ref("x")))).as("one not held").isEmpty();
        final PointerRead unchanged = store.inTransaction(tx -> tx.items().current(cached));
        assertThat(unchanged).as("nothing changed").isSameAs(cached);

        try (OffChainStore other = OffChainStore.open(config(kek, clock))) {
            other.items().put(new SubjectItems("ds-1", ref("s1"), List.of("p1-moved"), new byte[16]));
            other.erasure().eraseSubject(ref("s2"));
        }
        final PointerRead stale = store.items().cachedPointersOf("ds-1", both).orElseThrow();
        assertThat(stale.bySubject().get(ref("s1"))).as("memory alone cannot know").containsExactly("p1");

        final PointerRead current = store.inTransaction(tx -> tx.items().current(stale));
        assertThat(current.bySubject()).containsOnlyKeys(ref("s1"));
        assertThat(current.bySubject().get(ref("s1"))).containsExactly("p1-moved");
        assertThat(current.storageUri()).isEqualTo("s3://bucket/ds-1/");
        assertThat(store.items().cachedPointersOf("ds-1", List.of(ref("s1")))).as("the stale memory was dropped").isEmpty();
    }

    /**
     * Pointers resolved for the access flow are kept in memory under the item change mark they were
     * read with. A second store on the same database stands for another gateway process: what it
     * erases or replaces must never be served from the first store's memory afterwards.
     */
    @Test
    void pointers_kept_in_memory_are_never_served_after_another_process_erased_or_replaced_them() {
        store.items().put(new SubjectItems("ds-1", ref("s1"), List.of("p1"), new byte[16]));
        store.items().put(new SubjectItems("ds-1", ref("s2"), List.of("p2"), new byte[16]));
        final List<String> both = List.of(ref("s1"), ref("s2"));
        assertThat(store.items().pointersOf("ds-1", both, 2).bySubject()).containsOnlyKeys(both.toArray(String[]::new));
        try (OffChainStore other = OffChainStore.open(config(kek, clock))) {
            other.erasure().eraseSubject(ref("s1"));
            assertThat(store.items().pointersOf("ds-1", both, 2).bySubject()).as("after the other's erasure")
                    .containsOnlyKeys(ref("s2"));

            other.items().put(new SubjectItems("ds-1", ref("s2"), List.of("p2-moved"), new byte[16]));
            assertThat(store.items().pointersOf("ds-1", both, 2).bySubject().get(ref("s2"))).as("after the other's replacement")
                    .containsExactly("p2-moved");
        }
    }

    /** The dataset's storage URI comes with the pointers, kept under the same mark: as fresh as they are. */
    @Test
    void a_storage_uri_kept_in_memory_is_never_served_after_another_process_replaced_or_deleted_it() {
        store.datasets().put(new DatasetPointer("ds-1", "s3://bucket/ds-1/", "HOSP-A"));
        store.items().put(new SubjectItems("ds-1", ref("s1"), List.of("p1"), new byte[16]));
        final List<String> asked = List.of(ref("s1"));
        assertThat(store.items().pointersOf("ds-1", asked, 1).storageUri()).isEqualTo("s3://bucket/ds-1/");
        assertThat(store.items().pointersOf("ds-2", asked, 1).storageUri()).as("no dataset pointer").isNull();
        try (OffChainStore other = OffChainStore.open(config(kek, clock))) {
            other.datasets().put(new DatasetPointer("ds-1", "s3://moved/ds-1/", "HOSP-A"));
            assertThat(store.items().pointersOf("ds-1", asked, 1).storageUri()).as("after the other's replacement")
                    .isEqualTo("s3://moved/ds-1/");
            assertThat(store.datasets().find("ds-1").orElseThrow().storageUri()).isEqualTo("s3://moved/ds-1/");

            other.datasets().put(new DatasetPointer("ds-2", "s3://bucket/ds-2/", "HOSP-A"));
            assertThat(store.items().pointersOf("ds-2", asked, 1).storageUri()).as("a new dataset pointer")
                    .isEqualTo("s3://bucket/ds-2/");

            other.datasets().delete("ds-1");
            final PointerRead afterDeletion = store.items().pointersOf("ds-1", asked, 1);
            assertThat(afterDeletion.storageUri()).as("after the other's deletion").isNull();
            assertThat(afterDeletion.bySubject()).isEmpty();
        }
    }

    @Test
    void with_no_pointer_cache_every_read_decrypts_the_stored_pointers() {
        store.close();
        store = OffChainStore.open(config(kek, clock).withPointerCacheBytes(0));
        store.items().put(new SubjectItems("ds-1", ref("s1"), List.of("p1"), new byte[16]));

        assertThat(store.items().pointersOf("ds-1", List.of(ref("s1")), 1).bySubject().get(ref("s1"))).containsExactly("p1");
        store.items().put(new SubjectItems("ds-1", ref("s1"), List.of("p1-moved"), new byte[16]));
        assertThat(store.items().pointersOf("ds-1", List.of(ref("s1")), 1).bySubject().get(ref("s1"))).containsExactly("p1-moved");
        assertThatThrownBy(() -> config(kek, clock).withPointerCacheBytes(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The access flow re-checks, inside its write transaction, which released subjects still have
     * items, then records and hands out only those: an erasure must not commit in between. Against an
     * erasure not yet committed the re-check waits (SQLite: one writer; PostgreSQL: the dataset's
     * advisory lock, exclusive for the erasure, shared for the re-check), then sees the result.
     */
    @Test
    void the_items_re_check_in_a_transaction_waits_for_an_uncommitted_erasure_and_sees_it() throws Exception {
        store.items().put(new SubjectItems("ds-1", ref("s1"), List.of("p1"), new byte[16]));
        store.items().put(new SubjectItems("ds-1", ref("s2"), List.of("p2"), new byte[16]));
        final PointerRead read = store.items().pointersOf("ds-1", List.of(ref("s1"), ref("s2")), 2);
        final CountDownLatch erased = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            final Future<Object> erasure = pool.submit(() -> store.inTransaction(tx -> {
                tx.erasure().eraseSubject(ref("s1"));
                erased.countDown();
                await(release);
                return null;
            }));
            assertThat(erased.await(10, TimeUnit.SECONDS)).isTrue();
            final Future<Set<String>> recheck = pool.submit(() -> store.inTransaction(
                    tx -> present(tx.items().current(read))));

            Thread.sleep(300);
            assertThat(recheck.isDone()).as("the re-check waits for the open erasure").isFalse();
            release.countDown();
            erasure.get(20, TimeUnit.SECONDS);

            assertThat(recheck.get(20, TimeUnit.SECONDS)).containsExactly(ref("s2"));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void reads_do_not_wait_for_an_open_write_transaction() throws Exception {
        final Disclosure committed = seen("s1", "ev-1", "ds-1", 0);
        store.disclosures().record(disclosed("ev-1", "ds-1", 0, "s1"));
        store.items().put(new SubjectItems("ds-1", ref("s1"), List.of("p1"), new byte[16]));
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch readsDone = new CountDownLatch(1);
        final ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            // Holds the write transaction open (SQLite: its only write lock) until the reads are done.
            final Future<Boolean> transaction = writer.submit(() -> store.inTransaction(tx -> {
                tx.disclosures().record(disclosed("ev-2", "ds-1", 1, "s1"));
                writing.countDown();
                try {
                    return readsDone.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }));
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
            final ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                final Future<List<Disclosure>> disclosures = reader.submit(() -> store.disclosures().page(ref("s1"), null, null, 10, null).rows());
                final Future<Map<String, List<String>>> items = reader.submit(
                        () -> store.items().pointersOf("ds-1", List.of(ref("s1")), 1).bySubject());

                // Within seconds, while the writer still holds its transaction; the uncommitted row unseen.
                assertThat(disclosures.get(5, TimeUnit.SECONDS)).containsExactly(committed);
                assertThat(items.get(5, TimeUnit.SECONDS)).containsOnlyKeys(ref("s1"));
            } finally {
                readsDone.countDown();
                reader.shutdownNow();
            }
            assertThat(transaction.get(20, TimeUnit.SECONDS)).isTrue();
            assertThat(store.disclosures().page(ref("s1"), null, null, 10, null).rows()).hasSize(2);
        } finally {
            readsDone.countDown();
            writer.shutdownNow();
        }
    }

    @Test
    void rejects_a_ciphertext_moved_to_another_row() throws SQLException {
        store.items().put(new SubjectItems("ds-1", ref("s1"), List.of("secret-pointer-1"), new byte[16]));
        store.items().put(new SubjectItems("ds-2", ref("s1"), List.of("secret-pointer-2"), new byte[16]));
        try (Connection c = rawConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE subject_items SET encrypted_pointers = (SELECT encrypted_pointers FROM subject_items"
                        + " WHERE dataset_id = 'ds-1') WHERE dataset_id = 'ds-2'")) {
            ps.executeUpdate();
        }

        assertThatThrownBy(() -> store.items().find("ds-2", ref("s1")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("failed authentication")
                .hasMessageNotContaining("secret-pointer");
        // The same thread's cipher, after a failed tag check, still opens the intact row.
        assertThat(store.items().find("ds-1", ref("s1"))).hasValueSatisfying(
                items -> assertThat(items.pointers()).containsExactly("secret-pointer-1"));
    }

    @Test
    void cannot_read_personal_data_with_another_key_encryption_key() {
        store.items().put(new SubjectItems("ds-1", ref("s1"), List.of("p1"), new byte[16]));
        store.close();

        store = OffChainStore.open(config(new KeyEncryptionKey("test-kek", TestData.randomBytes(32)), clock));

        assertThatThrownBy(() -> store.items().find("ds-1", ref("s1"))).isInstanceOf(StoreException.class);
    }

    @Test
    void rotates_the_key_encryption_key_so_the_old_one_can_be_destroyed() {
        store.items().put(new SubjectItems("ds-1", ref("s1"), List.of("p1"), new byte[16]));
        store.subjects().registerOrGet(PEPPER, "MRN-0001");
        store.close();
        final KeyEncryptionKey next = new KeyEncryptionKey("kek-next", TestData.randomBytes(32));
        store = OffChainStore.open(config(next, clock));
        assertThatThrownBy(() -> store.items().find("ds-1", ref("s1")))
                .as("new key alone cannot read before re-wrapping")
                .isInstanceOf(StoreException.class).hasMessageContaining("unknown key-encryption key");
        store.close();
        store = OffChainStore.open(config(next, clock).withRetiredKeys(kek));

        final int rewrapped = store.rewrapDataKeys();
        final int again = store.rewrapDataKeys();
        store.close();
        store = OffChainStore.open(config(next, clock));

        assertThat(rewrapped).isEqualTo(2);
        assertThat(again).isZero();
        assertThat(store.items().find("ds-1", ref("s1")).orElseThrow().pointers()).containsExactly("p1");
        assertThat(store.subjects().find(PEPPER, "MRN-0001")).isPresent();
    }

    @Test
    void keeps_data_and_schema_across_reopening() {
        store.datasets().put(new DatasetPointer("ds-1", "file:///data/ds-1", "HOSP-A"));
        store.close();

        store = OffChainStore.open(config(kek, clock));

        assertThat(store.datasets().find("ds-1")).isPresent();
    }

    // ---- subject registry

    @Test
    void registers_a_patient_once_and_derives_the_subject_ref_from_the_salt() {
        final SubjectRegistration first = store.subjects().registerOrGet(PEPPER, "MRN-0001");

        final SubjectRegistration again = store.subjects().registerOrGet(PEPPER, "MRN-0001");
        final SubjectRegistration other = store.subjects().registerOrGet(PEPPER, "MRN-0002");

        assertThat(first.created()).isTrue();
        assertThat(first.subjectSalt()).hasSize(32);
        assertThat(first.subjectRef()).isEqualTo(Pseudonyms.subjectRef(first.subjectSalt(), "MRN-0001"));
        assertThat(again.created()).isFalse();
        assertThat(again.subjectRef()).isEqualTo(first.subjectRef());
        assertThat(again.subjectSalt()).isEqualTo(first.subjectSalt());
        assertThat(other.subjectRef()).isNotEqualTo(first.subjectRef());
        assertThat(store.subjects().find(PEPPER, "MRN-0001")).contains(again);
        assertThat(store.subjects().find(PEPPER, "MRN-9999")).isEmpty();
    }

    @Test
    void stores_only_the_keyed_hmac_of_the_patient_id() throws SQLException {
        store.subjects().registerOrGet(PEPPER, "MRN-PLAIN-77");

        try (Connection c = rawConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT registry_key FROM subject_registry")) {
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(
                        Hashes.hex(Pseudonyms.hmacSha256(PEPPER, utf8("MRN-PLAIN-77"))));
            }
        }
    }

    @Test
    void concurrent_registrations_of_one_patient_yield_one_salt() throws Exception {
        final int threads = 8;
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        final CountDownLatch start = new CountDownLatch(1);
        final List<Future<SubjectRegistration>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return store.subjects().registerOrGet(PEPPER, "MRN-RACE");
            }));
        }

        start.countDown();
        final List<SubjectRegistration> results = new ArrayList<>();
        for (final Future<SubjectRegistration> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(results.stream().map(SubjectRegistration::subjectRef).distinct()).hasSize(1);
        assertThat(results.stream().map(r -> Hashes.hex(r.subjectSalt())).distinct()).hasSize(1);
        assertThat(results.stream().filter(SubjectRegistration::created)).hasSize(1);
        assertThat(count("subject_registry")).isEqualTo(1);
        assertThat(count("subject_keys")).as("the losers wrote no data key").isEqualTo(1);
    }

    @Test
    void erasing_the_registry_row_unlinks_the_patient() {
        final SubjectRegistration first = store.subjects().registerOrGet(PEPPER, "MRN-0001");

        final boolean erased = store.subjects().erase(first.subjectRef());
        final SubjectRegistration fresh = store.subjects().registerOrGet(PEPPER, "MRN-0001");

        assertThat(erased).isTrue();
        assertThat(fresh.created()).isTrue();
        assertThat(fresh.subjectRef()).isNotEqualTo(first.subjectRef());
        assertThat(store.subjects().erase(first.subjectRef())).isFalse();
    }

    @Test
    void rejects_bad_arguments_without_echoing_them() {
        assertThatThrownBy(() -> store.subjects().registerOrGet(PEPPER, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("patientId must not be blank");
        assertThatThrownBy(() -> store.erasure().eraseSubject("MRN-LEAK-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("MRN-LEAK-1");
    }

    // ---- consent documents

    @Test
    void stores_consent_documents_immutably() {
        final ConsentDocument doc = new ConsentDocument("consent-1", ref("s1"), utf8("%PDF signed consent"));

        final String sha = store.consents().put(doc);
        final String again = store.consents().put(doc);

        assertThat(sha).isEqualTo(Hashes.sha256Hex(utf8("%PDF signed consent")));
        assertThat(again).isEqualTo(sha);
        assertThat(store.consents().find("consent-1")).contains(doc);
        assertThat(store.consents().find("consent-2")).isEmpty();
        assertThatThrownBy(() -> store.consents().put(new ConsentDocument("consent-1", ref("s1"), utf8("other"))))
                .isInstanceOf(IllegalStateException.class);
        store.consents().put(new ConsentDocument("consent-0", ref("s1"), utf8("older")));
        assertThat(store.consents().consentIdsOf(ref("s1"))).containsExactly("consent-0", "consent-1");
        assertThat(store.consents().consentIdsOf(ref("s2"))).isEmpty();
    }

    // ---- disclosure index

    @Test
    void lists_a_subjects_disclosures_oldest_first_and_records_an_event_once() throws SQLException {
        store.disclosures().record(disclosed("ev-1", "ds-1", 0, "s1"));
        store.disclosures().record(disclosed("ev-2", "ds-2", 60, "s1", "s2"));
        store.disclosures().record(disclosed("ev-2", "ds-2", 60, "s1", "s2"));

        assertThat(page("s1", 10)).containsExactly(seen("s1", "ev-1", "ds-1", 0), seen("s1", "ev-2", "ds-2", 60));
        assertThat(page("s1", 1)).containsExactly(seen("s1", "ev-1", "ds-1", 0));
        assertThat(page("s2", 10)).containsExactly(seen("s2", "ev-2", "ds-2", 60));
        assertThat(page("s3", 10)).isEmpty();
        assertThat(count("set_disclosures")).as("the retried event recorded once").isEqualTo(2);
        assertThat(count("disclosed_events")).isEqualTo(2);
    }

    @Test
    void stores_a_released_set_once_for_all_the_events_that_release_it() throws SQLException {
        for (int i = 0; i < 50; i++) {
            store.disclosures().record(disclosed("ev-" + i, "ds-1", i, "s1", "s2", "s3"));
        }
        store.disclosures().record(disclosed("ev-fewer", "ds-1", 50, "s1", "s2"));

        assertThat(count("released_sets")).isEqualTo(2);
        assertThat(count("released_set_members")).as("3 + 2 memberships, not one per event").isEqualTo(5);
        assertThat(count("set_disclosures")).isEqualTo(51);
        assertThat(setKeys()).containsExactlyInAnyOrder(MerkleTree.rootOfStringSet(List.of(ref("s1"), ref("s2"), ref("s3"))),
                MerkleTree.rootOfStringSet(List.of(ref("s1"), ref("s2"))));
        assertThat(page("s3", 100)).hasSize(50);
        assertThat(page("s1", 100)).hasSize(51).last().isEqualTo(seen("s1", "ev-fewer", "ds-1", 50));
    }

    @Test
    void pages_a_subjects_disclosures_by_time_range_and_bookmark_across_its_sets() {
        final List<Disclosure> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // ev-3a and ev-3b share a decision time and lie in different sets of s1: the event ID breaks
            // the tie, across sets as within one.
            final String eventId = i < 3 ? "ev-" + i : i == 3 ? "ev-3a" : i == 4 ? "ev-3b" : "ev-5";
            final long seconds = Math.min(i, 3) + (i == 5 ? 2 : 0);
            store.disclosures().record(disclosed(eventId, "ds-1", seconds, "s1", i % 2 == 0 ? "s2" : "s3"));
            rows.add(seen("s1", eventId, "ds-1", seconds));
        }

        final List<Disclosure> seen = new ArrayList<>();
        DisclosureCursor after = null;
        int pages = 0;
        do {
            final DisclosurePage page = store.disclosures().page(ref("s1"), null, null, 2, after);
            seen.addAll(page.rows());
            after = DisclosureCursor.decode(page.bookmark());
            pages++;
        } while (after != null);
        assertThat(seen).containsExactlyElementsOf(rows);
        assertThat(pages).isEqualTo(3);

        final DisclosurePage range = store.disclosures().page(ref("s1"), START.plusSeconds(1), START.plusSeconds(3), 10, null);
        assertThat(range.rows()).containsExactly(rows.get(1), rows.get(2));
        assertThat(range.bookmark()).isEmpty();
        final DisclosurePage later = store.disclosures().page(ref("s1"), START.plusSeconds(3), null, 2, null);
        assertThat(later.rows()).containsExactly(rows.get(3), rows.get(4));
        assertThat(store.disclosures().page(ref("s1"), START.plusSeconds(3), null, 2,
                DisclosureCursor.decode(later.bookmark())).rows()).containsExactly(rows.get(5));
        assertThat(store.disclosures().page(ref("s1"), null, START, 10, null).rows()).isEmpty();
        assertThat(store.disclosures().page(ref("s3"), null, null, 10, null).rows()).extracting(Disclosure::eventId)
                .containsExactly("ev-1", "ev-3a", "ev-5");
    }

    @Test
    void rejects_a_bookmark_it_did_not_hand_out() {
        assertThat(DisclosureCursor.decode("")).isNull();
        assertThat(DisclosureCursor.decode(new DisclosureCursor(42, "ev-1").encode())).isEqualTo(new DisclosureCursor(42, "ev-1"));
        for (final String bad : List.of("not base64!", "bm8tc2xhc2g", "eC9ldi0x", "NDIv")) {
            assertThatThrownBy(() -> DisclosureCursor.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void keeps_the_first_record_of_an_event_and_shows_its_copy_with_its_rows() throws SQLException {
        final DisclosedEvent first = disclosed("ev-1", "ds-1", 0, "s1");
        store.inTransaction(tx -> {
            tx.disclosures().record(first);
            return null;
        });
        store.disclosures().record(DisclosedEvent.of("ev-1", "ds-1", "UNI-X", "DUO:0000007", START,
                "{\"eventId\":\"ev-1\",\"changed\":true}", List.of(ref("s1"), ref("s2"))));

        final DisclosurePage page = store.disclosures().page(ref("s1"), null, null, 10, null);

        assertThat(page.rows()).containsExactly(seen("s1", "ev-1", "ds-1", 0));
        assertThat(page.events()).containsExactly(Map.entry("ev-1", first.canonicalEvent()));
        assertThat(page("s2", 10)).as("the second record added no subject").isEmpty();
        assertThat(count("disclosed_events")).isEqualTo(1);
    }

    @Test
    void records_a_set_with_more_subjects_than_one_statement_holds() throws SQLException {
        final String[] subjects = new String[1_234];
        for (int i = 0; i < subjects.length; i++) {
            subjects[i] = "s" + i;
        }
        store.disclosures().record(disclosed("ev-big", "ds-1", 0, subjects));

        assertThat(count("released_set_members")).isEqualTo(1_234);
        for (final String s : List.of("s0", "s650", "s1233")) {
            assertThat(page(s, 10)).containsExactly(seen(s, "ev-big", "ds-1", 0));
        }
    }

    @Test
    void erasure_takes_the_subject_out_of_its_sets_and_keeps_the_other_subjects_trails() throws SQLException {
        store.disclosures().record(disclosed("ev-1", "ds-1", 0, "s1", "s2"));
        store.disclosures().record(disclosed("ev-2", "ds-1", 1, "s1", "s2"));
        store.disclosures().record(disclosed("ev-3", "ds-1", 2, "s1"));
        store.disclosures().record(disclosed("ev-4", "ds-1", 3, "s3"));

        final ErasureResult result = store.erasure().eraseSubject(ref("s1"));

        assertThat(result.disclosures()).as("events that had disclosed s1").isEqualTo(3);
        assertThat(page("s1", 10)).isEmpty();
        assertThat(countFor("released_set_members", ref("s1"))).isZero();
        assertThat(page("s2", 10)).extracting(Disclosure::eventId).containsExactly("ev-1", "ev-2");
        assertThat(page("s3", 10)).extracting(Disclosure::eventId).containsExactly("ev-4");
        assertThat(count("set_disclosures")).as("events name no subject and stay").isEqualTo(4);

        // A set that lost a member is retired: the same set released again is stored whole, anew.
        store.disclosures().record(disclosed("ev-5", "ds-1", 4, "s1", "s2"));
        assertThat(page("s1", 10)).extracting(Disclosure::eventId).containsExactly("ev-5");
        assertThat(page("s2", 10)).extracting(Disclosure::eventId).containsExactly("ev-1", "ev-2", "ev-5");
    }

    @Test
    void the_migration_to_released_sets_keeps_every_earlier_disclosure() throws Exception {
        store.close();
        store = null;
        dropDatabase();
        final boolean sqlite = config(kek, clock).dialect() == Dialect.SQLITE;
        JdbcOffChainStore.migrateTo(config(kek, clock), sqlite ? "4" : "3");
        try (Connection c = rawConnection()) {
            legacyRow(c, "s1", "ev-1", 0);
            legacyRow(c, "s2", "ev-1", 0);
            legacyRow(c, "s1", "ev-2", 1);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO disclosed_events (event_id, event) VALUES (?, ?)")) {
                ps.setString(1, "ev-2");
                ps.setString(2, "{\"eventId\":\"ev-2\"}");
                ps.executeUpdate();
            }
            // Still queued when the gateway stopped: one row, the refs concatenated in order.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pending_disclosures (event_id, dataset_id,"
                    + " requester_institution, purpose, decided_at, subject_refs) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, "ev-3");
                ps.setString(2, "ds-1");
                ps.setString(3, "UNI-X");
                ps.setString(4, "DUO:0000007");
                ps.setLong(5, START.plusSeconds(2).toEpochMilli());
                ps.setString(6, String.join("", new java.util.TreeSet<>(List.of(ref("s1"), ref("s2")))));
                ps.executeUpdate();
            }
        }

        store = OffChainStore.open(config(kek, clock));

        final DisclosurePage s1 = store.disclosures().page(ref("s1"), null, null, 10, null);
        assertThat(s1.rows()).containsExactly(seen("s1", "ev-1", "ds-1", 0), seen("s1", "ev-2", "ds-1", 1),
                seen("s1", "ev-3", "ds-1", 2));
        assertThat(s1.events()).containsExactly(Map.entry("ev-2", "{\"eventId\":\"ev-2\"}"));
        assertThat(page("s2", 10)).containsExactly(seen("s2", "ev-1", "ds-1", 0), seen("s2", "ev-3", "ds-1", 2));
        assertThat(setKeys()).containsExactlyInAnyOrder("legacy:ev-1", "legacy:ev-2", "legacy:ev-3");
        for (final String dropped : List.of("disclosures", "pending_disclosures")) {
            assertThatThrownBy(() -> count(dropped)).as(dropped).isInstanceOf(SQLException.class);
        }

        store.disclosures().record(disclosed("ev-4", "ds-1", 3, "s1", "s2"));
        assertThat(store.erasure().eraseSubject(ref("s2")).disclosures()).isEqualTo(3);
        assertThat(page("s1", 10)).extracting(Disclosure::eventId).containsExactly("ev-1", "ev-2", "ev-3", "ev-4");
        assertThat(page("s2", 10)).isEmpty();
    }

    private static void legacyRow(final Connection c, final String subject, final String eventId, final long seconds)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO disclosures (subject_ref, event_id, dataset_id,"
                + " requester_institution, purpose, decided_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, ref(subject));
            ps.setString(2, eventId);
            ps.setString(3, "ds-1");
            ps.setString(4, "UNI-X");
            ps.setString(5, "DUO:0000007");
            ps.setLong(6, START.plusSeconds(seconds).toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** Access event {@code eventId} on {@code datasetId}, {@code seconds} after START, releasing {@code subjects}. */
    static DisclosedEvent disclosed(final String eventId, final String datasetId, final long seconds,
            final String... subjects) {
        final List<String> refs = new ArrayList<>();
        for (final String s : subjects) {
            refs.add(ref(s));
        }
        return DisclosedEvent.of(eventId, datasetId, "UNI-X", "DUO:0000007", START.plusSeconds(seconds),
                "{\"datasetId\":\"" + datasetId + "\",\"eventId\":\"" + eventId + "\"}", refs);
    }

    /** The row a subject's trail shows for an event {@link #disclosed} recorded. */
    private static Disclosure seen(final String subject, final String eventId, final String datasetId, final long seconds) {
        return new Disclosure(ref(subject), eventId, datasetId, "UNI-X", "DUO:0000007", START.plusSeconds(seconds));
    }

    private List<Disclosure> page(final String subject, final int pageSize) {
        return store.disclosures().page(ref(subject), null, null, pageSize, null).rows();
    }

    private List<String> setKeys() throws SQLException {
        final List<String> keys = new ArrayList<>();
        try (Connection c = rawConnection(); PreparedStatement ps = c.prepareStatement("SELECT set_key FROM released_sets");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    // ---- shared transactions (group commit)

    @Test
    void shares_commits_between_concurrent_callers_and_returns_after_the_commit() throws Exception {
        final int callers = 16;
        final int each = 20;
        final ExecutorService pool = Executors.newFixedThreadPool(callers);
        final Optional<Long> commitsBefore = ((JdbcOffChainStore) store).sharedCommits();
        try {
            final List<Future<Boolean>> visibleOnReturn = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                final int caller = c;
                visibleOnReturn.add(pool.submit(() -> {
                    boolean allVisible = true;
                    for (int i = 0; i < each; i++) {
                        final Disclosure d = disclosure("c" + caller + "-" + i);
                        final String returned = store.inSharedTransaction(tx -> record(tx, d));
                        // Read on another connection: committed by the time the call returned.
                        allVisible &= returned.equals(d.subjectRef())
                                && store.disclosures().page(d.subjectRef(), null, null, 1, null).rows().equals(List.of(d));
                    }
                    return allVisible;
                }));
            }
            for (final Future<Boolean> f : visibleOnReturn) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        // Only SQLite groups commits (see JdbcOffChainStore): there, fewer commits than callers' work.
        assertThat(commitsBefore.isPresent()).isEqualTo(store.dialect() == Dialect.SQLITE);
        commitsBefore.ifPresent(before -> assertThat(((JdbcOffChainStore) store).sharedCommits().orElseThrow() - before)
                .as("commits for %d callers' work", callers * each).isPositive().isLessThan(callers * each));
    }

    @Test
    void a_failing_work_fails_only_its_caller_and_writes_nothing() throws Exception {
        final CountDownLatch committerBusy = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // Holds the committer in its first transaction so the next three calls queue into one batch.
            final Future<String> first = pool.submit(() -> store.inSharedTransaction(tx -> {
                committerBusy.countDown();
                await(release);
                return record(tx, disclosure("s-first"));
            }));
            assertThat(committerBusy.await(10, TimeUnit.SECONDS)).isTrue();
            final Future<String> good1 = pool.submit(() -> store.inSharedTransaction(tx -> record(tx, disclosure("s-good-1"))));
            final Future<String> bad = pool.submit(() -> store.inSharedTransaction(tx -> {
                record(tx, disclosure("s-bad"));
                throw new IllegalStateException("this caller's work fails");
            }));
            final Future<String> good2 = pool.submit(() -> store.inSharedTransaction(tx -> record(tx, disclosure("s-good-2"))));
            Thread.sleep(200);
            release.countDown();

            assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo(ref("s-first"));
            assertThat(good1.get(20, TimeUnit.SECONDS)).isEqualTo(ref("s-good-1"));
            assertThat(good2.get(20, TimeUnit.SECONDS)).isEqualTo(ref("s-good-2"));
            assertThatThrownBy(() -> bad.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("this caller's work fails");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(store.disclosures().page(ref("s-good-1"), null, null, 10, null).rows()).hasSize(1);
        assertThat(store.disclosures().page(ref("s-good-2"), null, null, 10, null).rows()).hasSize(1);
        assertThat(store.disclosures().page(ref("s-bad"), null, null, 10, null).rows()).isEmpty();
    }

    @Test
    void a_shared_transaction_after_close_is_refused() {
        store.close();

        assertThatThrownBy(() -> store.inSharedTransaction(tx -> 1)).isInstanceOf(StoreException.class);
        store = null;
    }

    /** Records one disclosure in {@code tx}; returns its subject, as a work's result to check. */
    private static String record(final StoreSession tx, final Disclosure d) {
        tx.disclosures().record(DisclosedEvent.of(d.eventId(), d.datasetId(), d.requesterInstitution(), d.purpose(),
                d.decidedAt(), "{\"eventId\":\"" + d.eventId() + "\"}", List.of(d.subjectRef())));
        return d.subjectRef();
    }

    /** The only disclosure of event {@code ev-<subject>}. */
    private static Disclosure disclosure(final String subject) {
        return seen(subject, "ev-" + subject, "ds-1", 0);
    }

    private static void await(final CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- idempotency records

    @Test
    void stores_replays_and_detects_conflicting_idempotency_keys() {
        final IdempotencyRecord record = new IdempotencyRecord("key-1", Hashes.sha256Hex("request-a"), 201,
                utf8("{\"id\":\"c-1\"}"), ref("s1"), START);
        final IdempotencyRecord sameRequest = new IdempotencyRecord("key-1", Hashes.sha256Hex("request-a"), 500,
                new byte[0], null, START.plusSeconds(1));
        final IdempotencyRecord otherRequest = new IdempotencyRecord("key-1", Hashes.sha256Hex("request-b"), 201,
                new byte[0], null, START.plusSeconds(2));

        final IdempotencyOutcome stored = store.idempotency().saveIfAbsent(record);
        final IdempotencyOutcome replay = store.idempotency().saveIfAbsent(sameRequest);
        final IdempotencyOutcome conflict = store.idempotency().saveIfAbsent(otherRequest);

        assertThat(stored.kind()).isEqualTo(IdempotencyOutcome.Kind.STORED);
        assertThat(replay.kind()).isEqualTo(IdempotencyOutcome.Kind.REPLAY);
        assertThat(replay.record()).isEqualTo(record);
        assertThat(conflict.kind()).isEqualTo(IdempotencyOutcome.Kind.CONFLICT);
        assertThat(conflict.record()).isEqualTo(record);
        assertThat(store.idempotency().find("key-1")).contains(record);
    }

    @Test
    void purges_idempotency_records_past_retention() {
        store.idempotency().saveIfAbsent(new IdempotencyRecord("old", Hashes.sha256Hex("a"), 200, new byte[0], null,
                START.minus(Duration.ofDays(2))));
        store.idempotency().saveIfAbsent(new IdempotencyRecord("new", Hashes.sha256Hex("b"), 200, new byte[0], null,
                START));

        final int purged = store.idempotency().deleteCreatedBefore(START.minus(Duration.ofDays(1)));

        assertThat(purged).isEqualTo(1);
        assertThat(store.idempotency().find("old")).isEmpty();
        assertThat(store.idempotency().find("new")).isPresent();
    }

    // ---- outbox

    @Test
    void enqueues_in_the_same_transaction_as_the_triggering_write() {
        final long id = store.inTransaction(tx -> {
            tx.consents().put(new ConsentDocument("consent-1", ref("s1"), utf8("doc")));
            return tx.outbox().enqueue("revocation", "{\"subjectRef\":\"" + ref("s1") + "\"}");
        });
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.consents().put(new ConsentDocument("consent-2", ref("s1"), utf8("doc2")));
            tx.outbox().enqueue("revocation", "{}");
            throw new IllegalStateException("ledger call failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("ledger call failed");

        final List<OutboxItem> claimed = store.outbox().claim(10, Duration.ofMinutes(1));

        assertThat(claimed).extracting(OutboxItem::id).containsExactly(id);
        assertThat(claimed.get(0).kind()).isEqualTo("revocation");
        assertThat(store.consents().find("consent-1")).isPresent();
        assertThat(store.consents().find("consent-2")).as("rolled back with its outbox item").isEmpty();
    }

    @Test
    void claims_oldest_pending_items_under_a_lease() {
        final long a = store.outbox().enqueue("revocation", "{\"n\":1}");
        final long b = store.outbox().enqueue("revocation", "{\"n\":2}");
        final long c = store.outbox().enqueue("revocation", "{\"n\":3}");

        final List<OutboxItem> first = store.outbox().claim(2, Duration.ofMinutes(1));
        final List<OutboxItem> second = store.outbox().claim(10, Duration.ofMinutes(1));
        final List<OutboxItem> third = store.outbox().claim(10, Duration.ofMinutes(1));

        assertThat(first).extracting(OutboxItem::id).containsExactly(a, b);
        assertThat(first).allSatisfy(item -> {
            assertThat(item.attempts()).isEqualTo(1);
            assertThat(item.leaseExpiresAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));
            assertThat(item.done()).isFalse();
        });
        assertThat(first.get(0).payload()).isEqualTo("{\"n\":1}");
        assertThat(second).extracting(OutboxItem::id).containsExactly(c);
        assertThat(third).as("everything is leased").isEmpty();
    }

    @Test
    void retakes_items_of_a_crashed_worker_after_the_lease_expires_and_fences_the_old_lease() {
        final long id = store.outbox().enqueue("revocation", "{}");
        final OutboxItem crashed = store.outbox().claim(1, Duration.ofMinutes(1)).get(0);
        assertThat(store.outbox().recordStep(id, crashed.leaseToken(), 1, "{\"revoked\":true}")).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(store.outbox().claim(1, Duration.ofMinutes(1))).as("lease still valid").isEmpty();
        clock.advance(Duration.ofSeconds(1));

        final OutboxItem retaken = store.outbox().claim(1, Duration.ofMinutes(1)).get(0);

        assertThat(retaken.id()).isEqualTo(id);
        assertThat(retaken.attempts()).isEqualTo(2);
        assertThat(retaken.completedSteps()).as("resumes after recorded progress").isEqualTo(1);
        assertThat(retaken.state()).contains("{\"revoked\":true}");
        assertThat(retaken.leaseToken()).isNotEqualTo(crashed.leaseToken());
        assertThat(store.outbox().recordStep(id, crashed.leaseToken(), 2, "{}")).isFalse();
        assertThat(store.outbox().complete(id, crashed.leaseToken())).isFalse();
        assertThat(store.outbox().recordStep(id, retaken.leaseToken(), 2, "{\"hash\":\"h\"}")).isTrue();
        assertThat(store.outbox().recordStep(id, retaken.leaseToken(), 1, "{}")).as("no going back").isFalse();
        assertThat(store.outbox().complete(id, retaken.leaseToken())).isTrue();
        assertThat(store.outbox().complete(id, retaken.leaseToken())).isFalse();
        final OutboxItem done = store.outbox().find(id).orElseThrow();
        assertThat(done.done()).isTrue();
        assertThat(done.completedSteps()).isEqualTo(2);
        clock.advance(Duration.ofHours(1));
        assertThat(store.outbox().claim(1, Duration.ofMinutes(1))).as("done items are never claimed").isEmpty();
    }

    @Test
    void renews_releases_and_purges_outbox_items() {
        final long id = store.outbox().enqueue("revocation", "{}");
        final OutboxItem item = store.outbox().claim(1, Duration.ofMinutes(1)).get(0);

        assertThat(store.outbox().renewLease(id, item.leaseToken(), Duration.ofMinutes(5))).isTrue();
        clock.advance(Duration.ofMinutes(2));
        assertThat(store.outbox().claim(1, Duration.ofMinutes(1))).as("renewed lease holds").isEmpty();
        assertThat(store.outbox().release(id, item.leaseToken(), clock.instant().plusSeconds(30))).isTrue();
        assertThat(store.outbox().claim(1, Duration.ofMinutes(1))).as("backing off").isEmpty();
        clock.advance(Duration.ofSeconds(30));
        final OutboxItem again = store.outbox().claim(1, Duration.ofMinutes(1)).get(0);
        assertThat(store.outbox().complete(id, again.leaseToken())).isTrue();
        clock.advance(Duration.ofDays(8));

        final int purged = store.outbox().purgeCompletedBefore(clock.instant().minus(Duration.ofDays(7)));

        assertThat(purged).isEqualTo(1);
        assertThat(store.outbox().find(id)).isEmpty();
    }

    @Test
    void concurrent_claimers_never_get_the_same_item() throws Exception {
        final int items = 24;
        for (int i = 0; i < items; i++) {
            store.outbox().enqueue("revocation", "{\"n\":" + i + "}");
        }
        final int workers = 4;
        final ExecutorService pool = Executors.newFixedThreadPool(workers);
        final CountDownLatch start = new CountDownLatch(1);
        final List<Future<List<Long>>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            final Callable<List<Long>> worker = () -> {
                start.await();
                final List<Long> mine = new ArrayList<>();
                List<OutboxItem> batch;
                while (!(batch = store.outbox().claim(2, Duration.ofMinutes(5))).isEmpty()) {
                    batch.forEach(item -> mine.add(item.id()));
                }
                return mine;
            };
            futures.add(pool.submit(worker));
        }

        start.countDown();
        final List<Long> all = Collections.synchronizedList(new ArrayList<>());
        for (final Future<List<Long>> f : futures) {
            all.addAll(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        final Set<Long> distinct = new HashSet<>(all);
        assertThat(all).hasSize(items);
        assertThat(distinct).hasSize(items);
    }

    // ---- erasure

    @Test
    void erasure_removes_everything_about_one_subject_and_nothing_about_another() throws SQLException {
        final String a = store.subjects().registerOrGet(PEPPER, "MRN-A").subjectRef();
        final String b = store.subjects().registerOrGet(PEPPER, "MRN-B").subjectRef();
        final byte[] saltA1 = TestData.randomBytes(32);
        final byte[] saltA2 = TestData.randomBytes(32);
        for (final String s : List.of(a, b)) {
            store.consents().put(new ConsentDocument("consent-" + s, s, utf8("doc of " + s)));
            store.idempotency().saveIfAbsent(new IdempotencyRecord("idem-" + s, Hashes.sha256Hex(s), 201,
                    new byte[0], s, START));
        }
        store.items().put(new SubjectItems("ds-2", a, List.of("s3://b/a-3", "s3://b/a-1"), saltA2));
        store.items().put(new SubjectItems("ds-1", a, List.of("s3://b/a-2"), saltA1));
        store.items().put(new SubjectItems("ds-1", b, List.of("s3://b/b-1"), TestData.randomBytes(32)));

        for (final String eventId : List.of("ev-1", "ev-2")) {
            store.disclosures().record(DisclosedEvent.of(eventId, "ds-1", "UNI-X", "DUO:0000007", START,
                    "{\"eventId\":\"" + eventId + "\"}", List.of(a, b)));
        }

        final ErasureResult result = store.erasure().eraseSubject(a);

        // Pins the receipt format: canonical JSON, items by dataset id, pointers sorted, salts in hex.
        final String expectedJson = "{\"items\":["
                + "{\"datasetId\":\"ds-1\",\"itemSalt\":\"" + Hashes.hex(saltA1) + "\",\"pointers\":[\"s3://b/a-2\"]},"
                + "{\"datasetId\":\"ds-2\",\"itemSalt\":\"" + Hashes.hex(saltA2)
                + "\",\"pointers\":[\"s3://b/a-1\",\"s3://b/a-3\"]}],"
                + "\"subjectRef\":\"" + a + "\"}";
        assertThat(result.destroyedPointerSetHash()).isEqualTo(Hashes.sha256Hex(expectedJson));
        assertThat(result).isEqualTo(new ErasureResult(a, result.destroyedPointerSetHash(), 2, 3, 1, 1, 2, 1, 1));
        for (final String table : Compactor.PERSONAL_TABLES) {
            // b's one row each: its two disclosures are one membership of the set {a, b}.
            assertThat(countFor(table, a)).as(table + " rows of the erased subject").isZero();
            assertThat(countFor(table, b)).as(table + " rows of the other subject").isEqualTo(1);
        }
        assertThat(store.items().find("ds-1", a)).isEmpty();
        assertThat(store.consents().find("consent-" + a)).isEmpty();
        assertThat(store.disclosures().page(a, null, null, 10, null).rows()).isEmpty();
        assertThat(store.idempotency().find("idem-" + a)).isEmpty();
        assertThat(store.subjects().find(PEPPER, "MRN-A")).isEmpty();
        assertThat(store.subjects().find(PEPPER, "MRN-B").orElseThrow().subjectRef()).isEqualTo(b);
        assertThat(store.items().find("ds-1", b).orElseThrow().pointers()).containsExactly("s3://b/b-1");
        assertThat(store.consents().find("consent-" + b)).isPresent();
        assertThat(store.disclosures().page(b, null, null, 10, null).rows()).hasSize(2);
    }

    @Test
    void erasing_a_subject_twice_yields_the_empty_set_hash_the_second_time() {
        final String a = ref("s1");
        store.items().put(new SubjectItems("ds-1", a, List.of("p"), new byte[16]));
        final ErasureResult first = store.erasure().eraseSubject(a);

        final ErasureResult second = store.erasure().eraseSubject(a);

        assertThat(first.erasedAnything()).isTrue();
        assertThat(second.erasedAnything()).isFalse();
        assertThat(second.destroyedPointerSetHash())
                .isEqualTo(Hashes.sha256Hex("{\"items\":[],\"subjectRef\":\"" + a + "\"}"))
                .isNotEqualTo(first.destroyedPointerSetHash());
    }

    @Test
    void erasure_and_its_outbox_step_commit_together() {
        final String a = ref("s1");
        store.items().put(new SubjectItems("ds-1", a, List.of("p"), new byte[16]));
        final long id = store.outbox().enqueue("revocation", "{\"subjectRef\":\"" + a + "\"}");
        final OutboxItem item = store.outbox().claim(1, Duration.ofMinutes(1)).get(0);
        store.outbox().recordStep(id, item.leaseToken(), 1, "{}");

        final ErasureResult result = store.inTransaction(tx -> {
            final ErasureResult erased = tx.erasure().eraseSubject(a);
            tx.outbox().recordStep(id, item.leaseToken(), 2,
                    "{\"pointerSetHash\":\"" + erased.destroyedPointerSetHash() + "\"}");
            return erased;
        });
        final CompactionReport report = store.compact();

        assertThat(store.outbox().find(id).orElseThrow().state())
                .contains("{\"pointerSetHash\":\"" + result.destroyedPointerSetHash() + "\"}");
        assertThat(store.items().find("ds-1", a)).isEmpty();
        assertThat(report.complete()).as("skipped: %s", report.skipped()).isTrue();
        assertThat(report.statements()).isNotEmpty();
    }

    @Test
    void an_item_enqueued_under_a_saga_key_is_leased_to_its_enqueuer_and_joined_by_a_second_enqueue() {
        final Outbox.Enqueued first = store.inTransaction(tx ->
                tx.outbox().enqueueClaimed("revoke-consent", "{\"n\":1}", "revoke-consent:c-1", "instance-a", Duration.ofSeconds(30)));

        final List<OutboxItem> resumable = store.outbox().claim(10, Duration.ofSeconds(30), "instance-a");
        final Outbox.Enqueued whileHeld = store.inTransaction(tx ->
                tx.outbox().enqueueClaimed("revoke-consent", "{\"n\":2}", "revoke-consent:c-1", "instance-b", Duration.ofSeconds(30)));
        clock.advance(Duration.ofSeconds(31));
        final Outbox.Enqueued afterExpiry = store.inTransaction(tx ->
                tx.outbox().enqueueClaimed("revoke-consent", "{\"n\":2}", "revoke-consent:c-1", "instance-b", Duration.ofSeconds(30)));

        assertThat(first.created()).isTrue();
        assertThat(first.claimed()).isTrue();
        assertThat(first.item().leaseHolder()).isEqualTo("instance-a");
        assertThat(resumable).as("a resume pass cannot take the enqueuer's lease").isEmpty();
        assertThat(whileHeld.created()).isFalse();
        assertThat(whileHeld.claimed()).isFalse();
        assertThat(whileHeld.item().id()).isEqualTo(first.item().id());
        assertThat(afterExpiry.claimed()).isTrue();
        assertThat(afterExpiry.item().id()).isEqualTo(first.item().id());
        assertThat(afterExpiry.item().payload()).as("the first attempt's payload").isEqualTo("{\"n\":1}");
        assertThat(afterExpiry.item().leaseHolder()).isEqualTo("instance-b");
        assertThat(store.outbox().recordStep(first.item().id(), first.item().leaseToken(), 1, "{}")).as("fenced").isFalse();
    }

    @Test
    void a_done_item_is_joined_as_done_and_can_be_forgotten_to_start_its_effect_afresh() {
        final Outbox.Enqueued first = store.outbox().enqueueClaimed("register-dataset", "{}", "register-dataset:ds-1", "a",
                Duration.ofSeconds(30));
        store.outbox().complete(first.item().id(), first.item().leaseToken());

        final Outbox.Enqueued joined = store.outbox().enqueueClaimed("register-dataset", "{}", "register-dataset:ds-1", "b",
                Duration.ofSeconds(30));
        final boolean forgotten = store.outbox().forgetDone("register-dataset:ds-1");
        final Outbox.Enqueued afresh = store.outbox().enqueueClaimed("register-dataset", "{}", "register-dataset:ds-1", "b",
                Duration.ofSeconds(30));

        assertThat(joined.item().done()).isTrue();
        assertThat(joined.claimed()).isFalse();
        assertThat(forgotten).isTrue();
        assertThat(afresh.created()).isTrue();
        assertThat(afresh.item().id()).isNotEqualTo(first.item().id());
        assertThat(store.outbox().forgetDone("register-dataset:ds-1")).as("a pending item is never forgotten").isFalse();
    }

    @Test
    void the_heartbeat_renews_its_own_leases_and_a_starting_instance_takes_over_all_others() {
        final long mine = store.outbox().enqueueClaimed("k", "{}", "k:1", "alive", Duration.ofSeconds(30)).item().id();
        final long dead = store.outbox().enqueueClaimed("k", "{}", "k:2", "dead", Duration.ofSeconds(30)).item().id();

        clock.advance(Duration.ofSeconds(20));
        final int renewed = store.outbox().renewLeasesOf("alive", Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(15));
        final List<OutboxItem> expired = store.outbox().claim(10, Duration.ofSeconds(30), "other");

        assertThat(renewed).isEqualTo(1);
        assertThat(expired).extracting(OutboxItem::id).as("only the lease without a heartbeat expired").containsExactly(dead);

        final long third = store.outbox().enqueueClaimed("k", "{}", "k:3", "dead-too", Duration.ofMinutes(2)).item().id();
        final int takenOver = store.outbox().releaseLeasesNotHeldBy("alive");
        final List<OutboxItem> claimable = store.outbox().claim(10, Duration.ofSeconds(30), "alive");

        assertThat(takenOver).isEqualTo(2);
        assertThat(claimable).extracting(OutboxItem::id).containsExactlyInAnyOrder(dead, third);
        assertThat(store.outbox().find(mine).orElseThrow().leaseHolder()).isEqualTo("alive");
    }

    @Test
    void erasure_removes_the_subjects_pseudonym_from_stored_responses_and_completed_outbox_items() {
        final String a = ref("s1");
        final String b = ref("s2");
        store.items().put(new SubjectItems("ds-1", a, List.of("p"), new byte[16]));
        store.idempotency().saveIfAbsent(new IdempotencyRecord("decision", Hashes.sha256Hex("r1"), 201,
                utf8("{\"releasedSubjects\":[\"" + a + "\",\"" + b + "\"]}"), null, START));
        store.idempotency().saveIfAbsent(new IdempotencyRecord("other", Hashes.sha256Hex("r2"), 201,
                utf8("{\"releasedSubjects\":[\"" + b + "\"]}"), null, START));
        final Outbox.Enqueued done = store.outbox().enqueueClaimed("grant-consent", "{\"subjectRef\":\"" + a + "\"}", "g:1", "i",
                Duration.ofSeconds(30));
        store.outbox().recordStep(done.item().id(), done.item().leaseToken(), 1, "{\"consent\":{\"subjectRef\":\"" + a + "\"}}");
        store.outbox().complete(done.item().id(), done.item().leaseToken());
        final long pending = store.outbox().enqueue("grant-consent", "{\"subjectRef\":\"" + a + "\"}");
        final long unrelated = store.outbox().enqueueClaimed("grant-consent", "{\"subjectRef\":\"" + b + "\"}", "g:2", "i",
                Duration.ofSeconds(30)).item().id();

        store.erasure().eraseSubject(a);

        assertThat(store.idempotency().find("decision")).isEmpty();
        assertThat(store.idempotency().find("other")).isPresent();
        assertThat(store.outbox().find(done.item().id()).orElseThrow().payload()).isEqualTo("{}");
        assertThat(store.outbox().find(done.item().id()).orElseThrow().stepState()).isNull();
        assertThat(store.outbox().find(pending).orElseThrow().payload()).as("a pending item still needs its payload").contains(a);
        assertThat(store.outbox().find(unrelated).orElseThrow().payload()).contains(b);
    }

    @Test
    void completing_with_scrub_drops_payload_and_state() {
        final Outbox.Enqueued item = store.outbox().enqueueClaimed("revoke-consent", "{\"subjectRef\":\"x\"}", "r:1", "i",
                Duration.ofSeconds(30));
        store.outbox().recordStep(item.item().id(), item.item().leaseToken(), 1, "{\"consent\":1}");

        assertThat(store.outbox().complete(item.item().id(), item.item().leaseToken(), true)).isTrue();

        final OutboxItem done = store.outbox().find(item.item().id()).orElseThrow();
        assertThat(done.done()).isTrue();
        assertThat(done.payload()).isEqualTo("{}");
        assertThat(done.stepState()).isNull();
        assertThat(done.leaseHolder()).isNull();
    }

    @Test
    void a_failed_erasure_transaction_deletes_nothing() {
        final String a = ref("s1");
        store.items().put(new SubjectItems("ds-1", a, List.of("p"), new byte[16]));

        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.erasure().eraseSubject(a);
            throw new IllegalStateException("crash before commit");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(store.items().find("ds-1", a)).isPresent();
    }

    protected long count(final String table) throws SQLException {
        try (Connection c = rawConnection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    protected long countFor(final String table, final String subjectRef) throws SQLException {
        try (Connection c = rawConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table
                        + " WHERE subject_ref = ?")) {
            ps.setString(1, subjectRef);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Set<String> present(final PointerRead read) {
        return read.bySubject().keySet();
    }
}
