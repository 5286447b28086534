package io.custodia.sdk.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.canonical.Checkpoint;
import io.custodia.canonical.MerkleProofs;
import io.custodia.canonical.MerkleTree;
import io.custodia.canonical.NoteKey;
import io.custodia.canonical.SignedNote;
import io.custodia.sdk.client.TransparencyLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitnessTest {
    private static final NoteKey LOG = NoteKey.generate("custodia.test/log", NoteKey.TYPE_ED25519);
    private static final NoteKey LOG_VERIFIER = NoteKey.parseVerifierKey(LOG.verifierKey());
    private static final NoteKey WITNESS = NoteKey.generate("witness.test/w1", NoteKey.TYPE_COSIGNATURE_V1);
    private static final NoteKey WITNESS_VERIFIER = NoteKey.parseVerifierKey(WITNESS.verifierKey());
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);

    @TempDir
    Path state;

    /** A log the test controls: its leaves, signed by {@code key}. */
    private static final class FakeLog implements TransparencyLog {
        final List<byte[]> leaves = new ArrayList<>();
        NoteKey key = LOG;
        int checkpointsServed;

        FakeLog grow(final String prefix, final int count) {
            for (int i = 0; i < count; i++) {
                leaves.add(MerkleTree.leafHash((prefix + leaves.size()).getBytes(StandardCharsets.UTF_8)));
            }
            return this;
        }

        Checkpoint current() {
            return new Checkpoint(LOG.name(), leaves.size(), MerkleProofs.rootHash(this::node, leaves.size()));
        }

        byte[] node(final int level, final long index) {
            final int width = 1 << level;
            return MerkleTree.rootOfLeafHashes(leaves.subList((int) index * width, (int) (index + 1) * width));
        }

        @Override
        public String checkpoint() {
            checkpointsServed++;
            return SignedNote.sign(current().text(), key).toString();
        }

        @Override
        public String verifierKey() {
            return key.verifierKey();
        }

        @Override
        public List<byte[]> consistencyProof(final long from, final long to) {
            return MerkleProofs.consistencyProof(this::node, from, to);
        }

        @Override
        public List<byte[]> inclusionProof(final long leafIndex, final long treeSize) {
            return MerkleProofs.inclusionProof(this::node, leafIndex, treeSize);
        }

        @Override
        public LeafProof inclusionProofOfEvent(final String eventId, final long treeSize) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<byte[]> leaves(final long start, final long end) {
            return List.of();
        }

        @Override
        public void submitCosigned(final String note) {
            throw new UnsupportedOperationException();
        }
    }

    private Witness witness(final boolean init) throws WitnessException {
        return Witness.open(state, LOG_VERIFIER, WITNESS, init, CLOCK);
    }

    @Test
    void it_refuses_to_start_without_state_unless_told_to_init_and_refuses_to_init_twice() throws Exception {
        assertThatThrownBy(() -> witness(false)).isInstanceOf(WitnessException.class).hasMessageContaining("--init");

        witness(true).cosign(new FakeLog().grow("a", 3));

        assertThatThrownBy(() -> witness(true)).isInstanceOf(WitnessException.class).hasMessageContaining("already holds");
    }

    @Test
    void it_cosigns_a_growing_log_across_restarts_with_a_verifiable_cosignature() throws Exception {
        final FakeLog log = new FakeLog().grow("a", 5);
        final SignedNote first = witness(true).cosign(log);
        log.grow("a", 7);

        final SignedNote second = witness(false).cosign(log);

        assertThat(first.cosignedBy(WITNESS_VERIFIER)).contains(1_800_000_000L);
        assertThat(second.cosignedBy(WITNESS_VERIFIER)).contains(1_800_000_000L);
        assertThat(second.verifiedBy(LOG_VERIFIER)).isTrue();
        assertThat(witness(false).accepted()).contains(log.current());
    }

    @Test
    void it_never_cosigns_a_smaller_tree_after_a_larger_one_even_after_a_restart() throws Exception {
        final FakeLog log = new FakeLog().grow("a", 10);
        witness(true).cosign(log);
        final Checkpoint accepted = log.current();
        log.leaves.remove(9);

        final WitnessException refused = org.junit.jupiter.api.Assertions.assertThrows(WitnessException.class,
                () -> witness(false).cosign(log));

        assertThat(refused.isEvidence()).isTrue();
        assertThat(refused).hasMessageContaining("smaller tree");
        assertThat(witness(false).accepted()).contains(accepted);
    }

    @Test
    void it_refuses_a_rewritten_history_of_the_same_or_a_larger_size_and_keeps_accepting_the_true_one() throws Exception {
        final FakeLog honest = new FakeLog().grow("a", 8);
        witness(true).cosign(honest);
        final FakeLog forkSameSize = new FakeLog().grow("b", 8);
        final FakeLog forkLarger = new FakeLog().grow("a", 7).grow("b", 5);

        final WitnessException sameSize = org.junit.jupiter.api.Assertions.assertThrows(WitnessException.class,
                () -> witness(false).cosign(forkSameSize));
        final WitnessException larger = org.junit.jupiter.api.Assertions.assertThrows(WitnessException.class,
                () -> witness(false).cosign(forkLarger));

        assertThat(sameSize).hasMessageContaining("different root");
        assertThat(larger).hasMessageContaining("not consistent");
        assertThat(sameSize.isEvidence() && larger.isEvidence()).isTrue();
        honest.grow("a", 4);
        assertThat(witness(false).cosign(honest).cosignedBy(WITNESS_VERIFIER)).isPresent();
    }

    @Test
    void it_refuses_a_checkpoint_not_signed_by_the_log_key() throws Exception {
        final FakeLog log = new FakeLog().grow("a", 2);
        witness(true).cosign(log);
        log.grow("a", 1);
        log.key = NoteKey.generate(LOG.name(), NoteKey.TYPE_ED25519);

        assertThatThrownBy(() -> witness(false).cosign(log)).isInstanceOf(WitnessException.class)
                .hasMessageContaining("not signed by log key");
        assertThat(witness(false).accepted().orElseThrow().size()).isEqualTo(2);
    }
}
