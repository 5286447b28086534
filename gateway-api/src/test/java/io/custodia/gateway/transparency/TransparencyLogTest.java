package io.custodia.gateway.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Checkpoint;
import io.custodia.canonical.Hashes;
import io.custodia.canonical.MerkleProofs;
import io.custodia.canonical.MerkleTree;
import io.custodia.canonical.NoteKey;
import io.custodia.canonical.SignedNote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransparencyLogTest {
    private static final NoteKey KEY = NoteKey.generate("custodia.test/log", NoteKey.TYPE_ED25519);

    @TempDir
    Path dir;

    /** Blocks 1..n, three transactions each: an access decision, a dataset registration (not logged), an erasure. */
    private static List<LedgerEvent> events(final int blocks) {
        final List<LedgerEvent> events = new ArrayList<>();
        for (int b = 1; b <= blocks; b++) {
            events.add(event(b, 0, "AccessDecided", Map.of("eventId", "ev-" + b, "decision", "PERMIT")));
            events.add(event(b, 1, "DatasetRegistered", Map.of("datasetId", "ds-" + b)));
            events.add(event(b, 2, "ErasureRecorded", Map.of("receiptId", "er-" + b, "subjectRef", Hashes.sha256Hex("s" + b))));
        }
        return events;
    }

    private static LedgerEvent event(final long block, final int position, final String name, final Map<String, Object> payload) {
        return new LedgerEvent(block, position, "tx-" + block + "-" + position, name, CanonicalJson.toBytes(payload));
    }

    /** The root recomputed from the entries alone, as anyone replaying the blocks would. */
    private static byte[] expectedRoot(final List<LedgerEvent> events) {
        final List<byte[]> leaves = new ArrayList<>();
        for (final LedgerEvent e : events) {
            LoggedEvents.entry(e).ifPresent(entry -> leaves.add(MerkleTree.leafHash(entry.bytes())));
        }
        return MerkleTree.rootOfLeafHashes(leaves);
    }

    @Test
    void appending_across_restarts_and_redeliveries_gives_the_tree_of_one_replay_of_the_blocks() {
        final List<LedgerEvent> events = events(40);
        try (TransparencyLog log = TransparencyLog.open(dir.resolve("a"), KEY, Duration.ZERO)) {
            events.subList(0, 50).forEach(log::record);
        }
        try (TransparencyLog log = TransparencyLog.open(dir.resolve("a"), KEY, Duration.ZERO)) {
            assertThat(log.resumeFrom().blockNumber()).isEqualTo(17);
            // The ledger redelivers from the resume point's block: nothing doubles.
            events.subList(45, events.size()).forEach(log::record);
        }
        final Checkpoint incremental;
        try (TransparencyLog log = TransparencyLog.open(dir.resolve("a"), KEY, Duration.ZERO)) {
            incremental = log.checkpointAt(log.size());
            // Lookups by ID survive the restarts: leaf 2b-1 is block b's erasure receipt.
            assertThat(log.find("erasure-receipt", "er-5")).hasValue(9);
            assertThat(log.find("access-event", "ev-40")).hasValue(78);
            assertThat(log.find("access-event", "er-5")).isEmpty();
            assertThat(log.find("access-event", "ev-41")).isEmpty();
        }
        final Checkpoint replayed;
        try (TransparencyLog log = TransparencyLog.open(dir.resolve("b"), KEY, Duration.ZERO)) {
            events.forEach(log::record);
            replayed = log.checkpointAt(log.size());
            assertThat(log.entry(1).type()).isEqualTo("erasure-receipt");
            assertThat(log.entry(1).id()).isEqualTo("er-1");
            assertThat(log.entry(1).block()).isEqualTo(1);
            assertThat(log.entry(1).position()).isEqualTo(2);
        }

        assertThat(incremental.size()).isEqualTo(80);
        assertThat(incremental).isEqualTo(replayed);
        assertThat(incremental.rootHash()).isEqualTo(expectedRoot(events));
    }

    @Test
    void a_tail_lost_in_a_crash_is_cut_back_to_the_last_sync_and_appended_again_identically() throws IOException {
        final List<LedgerEvent> events = events(30);
        final Path crashed = dir.resolve("crashed");
        try (TransparencyLog log = TransparencyLog.open(dir.resolve("live"), KEY, Duration.ZERO)) {
            events.subList(0, 30).forEach(log::record);
            log.sync();
            events.subList(30, 60).forEach(log::record);
            // The process dies here: the files hold unsynced nodes, the size file still says 20.
            copy(dir.resolve("live"), crashed);
        }
        try (TransparencyLog log = TransparencyLog.open(crashed, KEY)) {
            assertThat(log.size()).isEqualTo(20);
            assertThat(log.resumeFrom().blockNumber()).isEqualTo(10);
            events.forEach(log::record);

            assertThat(log.checkpointAt(log.size()).rootHash()).isEqualTo(expectedRoot(events));
        }
    }

    @Test
    void the_checkpoint_is_a_signed_note_whose_proofs_verify() {
        final List<LedgerEvent> events = events(25);
        try (TransparencyLog log = TransparencyLog.open(dir, KEY, Duration.ZERO)) {
            events.subList(0, 30).forEach(log::record);
            final SignedNote first = SignedNote.parse(log.checkpoint().toString());
            events.subList(30, events.size()).forEach(log::record);
            final SignedNote second = SignedNote.parse(log.checkpoint().toString());

            final NoteKey verifier = NoteKey.parseVerifierKey(log.verifierKey());
            assertThat(first.verifiedBy(verifier)).isTrue();
            assertThat(second.verifiedBy(verifier)).isTrue();
            final Checkpoint older = Checkpoint.parse(first.text());
            final Checkpoint newer = Checkpoint.parse(second.text());
            assertThat(older.size()).isEqualTo(20);
            assertThat(newer.size()).isEqualTo(50);
            for (long leaf = 0; leaf < newer.size(); leaf++) {
                assertThat(MerkleProofs.verifyInclusion(MerkleTree.leafHash(log.entry(leaf).bytes()), leaf, newer.size(),
                        log.inclusionProof(leaf, newer.size()), newer.rootHash())).isTrue();
            }
            assertThat(MerkleProofs.verifyConsistency(older.size(), newer.size(), older.rootHash(), newer.rootHash(),
                    log.consistencyProof(older.size(), newer.size()))).isTrue();
            assertThatThrownBy(() -> log.inclusionProof(0, 51)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void cosignatures_are_kept_only_for_its_own_checkpoints_and_trusted_witnesses() {
        final NoteKey witness = NoteKey.generate("witness.test/w", NoteKey.TYPE_COSIGNATURE_V1);
        final NoteKey stranger = NoteKey.generate("witness.test/x", NoteKey.TYPE_COSIGNATURE_V1);
        final List<NoteKey> trusted = List.of(NoteKey.parseVerifierKey(witness.verifierKey()));
        try (TransparencyLog log = TransparencyLog.open(dir, KEY, Duration.ZERO)) {
            events(5).forEach(log::record);
            final SignedNote note = log.checkpoint();
            final SignedNote cosigned = note.with(note.cosignature(witness, 1_800_000_000L)).with(note.cosignature(stranger, 1));

            assertThat(log.addCosignatures(cosigned, trusted)).isEqualTo(1);
            assertThat(log.addCosignatures(cosigned, trusted)).isZero();
            assertThat(log.checkpoint().cosignedBy(trusted.get(0))).contains(1_800_000_000L);
            assertThat(log.checkpoint().signatures()).hasSize(2);

            final NoteKey otherLog = NoteKey.generate(KEY.name(), NoteKey.TYPE_ED25519);
            final SignedNote forged = SignedNote.sign(new Checkpoint(KEY.name(), 10, new byte[32]).text(), otherLog);
            assertThatThrownBy(() -> log.addCosignatures(forged.with(forged.cosignature(witness, 2)), trusted))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        try (TransparencyLog log = TransparencyLog.open(dir, KEY, Duration.ZERO)) {
            assertThat(log.checkpoint().cosignedBy(trusted.get(0))).as("kept across restarts").contains(1_800_000_000L);
        }
    }

    private static void copy(final Path from, final Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (final Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
