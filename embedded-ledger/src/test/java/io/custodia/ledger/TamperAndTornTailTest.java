package io.custodia.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.ledger.block.BlockFrames;
import io.custodia.ledger.identity.Identity;
import io.custodia.ledger.verify.LedgerVerifier;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TamperAndTornTailTest {
    private static final int BLOCKS_WITH_TXS = 6;

    @TempDir
    Path root;

    private Path original;
    private List<long[]> frames;

    @BeforeEach
    void build_ledger() throws IOException {
        original = root.resolve("original");
        try (EmbeddedLedger ledger = TestLedgers.open(original)) {
            final Identity alice = TestLedgers.member(ledger);
            for (int i = 0; i < BLOCKS_WITH_TXS; i++) {
                ledger.submit(alice, "kv:put", "K" + i, "v" + i);
            }
        }
        frames = frames(segment(original));
    }

    private static Path segment(final Path dataDir) {
        return BlockFrames.segmentPath(dataDir.resolve("blocks"), 0);
    }

    /** [offset, length] of each frame in the file. */
    private static List<long[]> frames(final Path file) throws IOException {
        final ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file));
        final List<long[]> out = new ArrayList<>();
        while (data.remaining() > 0) {
            final int start = data.position();
            data.getInt();
            final int length = data.getInt();
            data.position(start + 8 + length + 4);
            out.add(new long[] {start, 12 + length});
        }
        return out;
    }

    private Path copy(final String name) throws IOException {
        final Path target = root.resolve(name);
        try (Stream<Path> files = Files.walk(original)) {
            for (final Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                Files.copy(p, target.resolve(original.relativize(p).toString()));
            }
        }
        return target;
    }

    private byte[] frameBytes(final byte[] file, final int block) {
        final long[] f = frames.get(block);
        return Arrays.copyOfRange(file, (int) f[0], (int) (f[0] + f[1]));
    }

    private VerificationReport verify(final Path dataDir) {
        return LedgerVerifier.verify(dataDir.resolve("blocks"), Long.MAX_VALUE);
    }

    @Test
    void an_untouched_ledger_verifies() {
        final VerificationReport report = verify(original);

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.blocksChecked()).isEqualTo(BLOCKS_WITH_TXS + 1);
        assertThat(report.transactionsChecked()).isEqualTo(BLOCKS_WITH_TXS);
    }

    @Test
    void a_pinned_node_key_fingerprint_is_enforced() {
        final String fingerprint = verify(original).nodeFingerprint();

        final VerificationReport pinned = LedgerVerifier.verify(original.resolve("blocks"), Long.MAX_VALUE, fingerprint);
        final VerificationReport other = LedgerVerifier.verify(original.resolve("blocks"), Long.MAX_VALUE, "00".repeat(32));

        assertThat(fingerprint).matches("[0-9a-f]{64}");
        assertThat(pinned.ok()).isTrue();
        assertThat(other.firstBadBlock()).hasValue(0);
        assertThat(other.reason()).contains("not the pinned");
    }

    @Test
    void flipped_byte_is_reported_in_its_block() throws IOException {
        for (int block = 0; block <= BLOCKS_WITH_TXS; block++) {
            final Path dir = copy("flip" + block);
            final byte[] file = Files.readAllBytes(segment(dir));
            file[(int) (frames.get(block)[0] + frames.get(block)[1] / 2)] ^= 0x40;
            Files.write(segment(dir), file);

            final VerificationReport report = verify(dir);

            assertThat(report.firstBadBlock()).as(report.toString()).hasValue(block);
        }
    }

    @Test
    void altered_transaction_with_fixed_checksum_fails_the_data_hash() throws IOException {
        final Path dir = copy("rehashed");
        final byte[] file = Files.readAllBytes(segment(dir));
        final long[] f = frames.get(3);
        final byte[] body = Arrays.copyOfRange(file, (int) f[0] + 8, (int) (f[0] + f[1] - 4));
        body[body.length - 100] ^= 0x01;
        final ByteBuffer patched = ByteBuffer.wrap(file);
        patched.position((int) f[0] + 8);
        patched.put(body).putInt(BlockFrames.crc(body));
        Files.write(segment(dir), file);

        final VerificationReport report = verify(dir);

        assertThat(report.firstBadBlock()).hasValue(3);
        assertThat(report.reason()).containsAnyOf("data hash", "signature", "undecodable");
    }

    @Test
    void deleted_reordered_and_duplicated_blocks_are_named() throws IOException {
        final byte[] file = Files.readAllBytes(segment(original));
        final byte[] b2 = frameBytes(file, 2);
        final byte[] b3 = frameBytes(file, 3);
        final byte[] head = Arrays.copyOfRange(file, 0, (int) frames.get(2)[0]);
        final byte[] tail = Arrays.copyOfRange(file, (int) frames.get(4)[0], file.length);

        final Path deleted = copy("deleted");
        Files.write(segment(deleted), concat(head, b3, tail));
        final Path reordered = copy("reordered");
        Files.write(segment(reordered), concat(head, b3, b2, tail));
        final Path duplicated = copy("duplicated");
        Files.write(segment(duplicated), concat(head, b2, b2, b3, tail));

        assertThat(verify(deleted).firstBadBlock()).hasValue(2);
        assertThat(verify(deleted).reason()).contains("found block 3");
        assertThat(verify(reordered).firstBadBlock()).hasValue(2);
        assertThat(verify(duplicated).firstBadBlock()).hasValue(3);
        assertThat(verify(duplicated).reason()).contains("found block 2");
    }

    @Test
    void a_torn_frame_after_the_committed_blocks_is_cut_at_every_length_with_a_warning_and_the_prefix_survives()
            throws IOException {
        // What a crash while writing block 7 leaves: part of a frame that was never forced or acknowledged.
        final byte[] lastFrame = frameBytes(Files.readAllBytes(segment(original)), BLOCKS_WITH_TXS);
        final long step = Math.max(1, lastFrame.length / 12);
        for (int torn = 1; torn < lastFrame.length; torn += (int) step) {
            final Path dir = copy("torn" + torn);
            Files.write(segment(dir), Arrays.copyOf(lastFrame, torn), java.nio.file.StandardOpenOption.APPEND);

            try (LogCapture log = LogCapture.of(io.custodia.ledger.block.BlockStore.class);
                    EmbeddedLedger ledger = TestLedgers.open(dir)) {
                final Identity alice = TestLedgers.member(ledger);

                assertThat(ledger.info().height()).isEqualTo(BLOCKS_WITH_TXS + 1);
                assertThat(ledger.recoveredTornBytes()).isEqualTo(torn);
                assertThat(log.warnings()).singleElement().asString().contains("cut " + torn + " bytes");
                assertThat(new String(ledger.evaluate(alice, "kv:get", "K5"))).isEqualTo("v5");
                assertThat(ledger.submit(alice, "kv:put", "after", "x").isValid()).isTrue();
                assertThat(ledger.verify().ok()).isTrue();
            }
        }
    }

    @Test
    void a_cut_inside_the_last_committed_block_refuses_to_start_naming_it_and_changes_nothing() throws IOException {
        final long[] last = frames.get(BLOCKS_WITH_TXS);
        for (final long cut : new long[] {last[0] + 1, last[0] + 20, last[0] + last[1] / 2, last[0] + last[1] - 1}) {
            final Path dir = copy("cut" + cut);
            truncate(dir, cut);

            assertThatThrownBy(() -> TestLedgers.open(dir))
                    .isInstanceOf(CommittedBlocksMissingException.class)
                    .hasMessageContaining("intact blocks 0.." + (BLOCKS_WITH_TXS - 1))
                    .hasMessageContaining("committed block " + BLOCKS_WITH_TXS + " are missing")
                    .hasMessageContaining("RepairLedgerCommand --accept-loss");
            assertThat(Files.size(segment(dir))).isEqualTo(cut);
        }
    }

    @Test
    void a_cut_inside_the_block_before_refuses_naming_both_lost_blocks() throws IOException {
        final Path dir = copy("cut-two");
        truncate(dir, frames.get(BLOCKS_WITH_TXS - 1)[0] + 30);

        assertThatThrownBy(() -> TestLedgers.open(dir))
                .isInstanceOf(CommittedBlocksMissingException.class)
                .hasMessageContaining("committed blocks " + (BLOCKS_WITH_TXS - 1) + ".." + BLOCKS_WITH_TXS + " are missing");
    }

    @Test
    void a_whole_last_block_missing_is_refused_on_the_word_of_either_witness() throws IOException {
        final long lastStart = frames.get(BLOCKS_WITH_TXS)[0];
        // committed-head alone (the state was removed, as an operator may do to rebuild it) ...
        final Path headOnly = copy("head-only");
        truncate(headOnly, lastStart);
        deleteTree(headOnly.resolve("state"));
        // ... and the state's savepoint alone (a data directory from before committed-head).
        final Path stateOnly = copy("state-only");
        truncate(stateOnly, lastStart);
        Files.delete(stateOnly.resolve("blocks/committed-head"));

        for (final Path dir : List.of(headOnly, stateOnly)) {
            assertThatThrownBy(() -> TestLedgers.open(dir)).as(dir.toString())
                    .isInstanceOf(CommittedBlocksMissingException.class)
                    .hasMessageContaining("committed block " + BLOCKS_WITH_TXS + " are missing");
        }
    }

    @Test
    void a_cut_inside_block_0_never_starts_a_new_ledger() throws IOException {
        final Path withEverything = copy("cut0");
        truncate(withEverything, 10);
        // Only the identities are left: still not a new ledger.
        final Path identitiesOnly = copy("cut0-identities");
        truncate(identitiesOnly, 10);
        deleteTree(identitiesOnly.resolve("state"));
        Files.delete(identitiesOnly.resolve("blocks/committed-head"));

        assertThatThrownBy(() -> TestLedgers.open(withEverything))
                .isInstanceOf(CommittedBlocksMissingException.class)
                .hasMessageContaining("no intact block 0")
                .hasMessageContaining("blocks 0.." + BLOCKS_WITH_TXS + " are missing");
        assertThatThrownBy(() -> TestLedgers.open(identitiesOnly))
                .isInstanceOf(CommittedBlocksMissingException.class)
                .hasMessageContaining("no intact block 0");
        assertThat(Files.size(segment(withEverything))).isEqualTo(10);
        assertThat(Files.size(segment(identitiesOnly))).isEqualTo(10);
    }

    @Test
    void repair_accepting_loss_keeps_the_intact_prefix_and_the_ledger_starts_and_verifies_again() throws IOException {
        final Path dir = copy("repair");
        truncate(dir, frames.get(BLOCKS_WITH_TXS - 1)[0] + 30);

        final EmbeddedLedger.Repair repair = EmbeddedLedger.repairAcceptingLoss(LedgerConfig.builder(dir).build());

        assertThat(repair.intactBlocks()).isEqualTo(BLOCKS_WITH_TXS - 1);
        assertThat(repair.committedBlocks()).isEqualTo(BLOCKS_WITH_TXS + 1);
        assertThat(repair.bytesCut()).isEqualTo(30);
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            final Identity alice = TestLedgers.member(ledger);
            assertThat(ledger.info().height()).isEqualTo(BLOCKS_WITH_TXS - 1);
            assertThat(new String(ledger.evaluate(alice, "kv:get", "K3"))).isEqualTo("v3");
            assertThatThrownBy(() -> ledger.evaluate(alice, "kv:get", "K5")).isInstanceOf(ChaincodeFailure.class);
            assertThat(ledger.submit(alice, "kv:put", "after", "x").isValid()).isTrue();
            assertThat(ledger.verify().ok()).isTrue();
        }
    }

    @Test
    void repair_command_refuses_without_accept_loss_and_reports_the_lost_blocks_with_it() throws Exception {
        final Path dir = copy("repair-cmd");
        truncate(dir, frames.get(BLOCKS_WITH_TXS)[0] + 5);

        final Process usage = tool("io.custodia.ledger.tools.RepairLedgerCommand", dir.toString());
        final Process repair = tool("io.custodia.ledger.tools.RepairLedgerCommand", "--accept-loss", dir.toString());
        final String output = new String(repair.getInputStream().readAllBytes());

        assertThat(usage.waitFor()).isEqualTo(2);
        assertThat(repair.waitFor()).as(output).isZero();
        assertThat(output).contains("ends at block " + (BLOCKS_WITH_TXS - 1)).contains("1 committed block(s) lost: " + BLOCKS_WITH_TXS);
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            assertThat(ledger.info().height()).isEqualTo(BLOCKS_WITH_TXS);
        }
    }

    private static Process tool(final String main, final String... args) throws IOException {
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void truncate(final Path dataDir, final long size) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(segment(dataDir), java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static void deleteTree(final Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (final Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void one_to_four_junk_bytes_after_the_last_block_are_reported_with_their_offset() throws IOException {
        final long end = frames.get(BLOCKS_WITH_TXS)[0] + frames.get(BLOCKS_WITH_TXS)[1];
        for (int junk = 1; junk <= 4; junk++) {
            final Path dir = copy("junk" + junk);
            Files.write(segment(dir), new byte[junk], java.nio.file.StandardOpenOption.APPEND);

            final VerificationReport report = verify(dir);

            assertThat(report.ok()).as(report.toString()).isFalse();
            assertThat(report.firstBadBlock()).hasValue(BLOCKS_WITH_TXS + 1);
            assertThat(report.reason()).contains("offset " + end);
        }
    }

    @Test
    void verify_command_exits_non_zero_naming_the_block() throws Exception {
        final Path dir = copy("cmd");
        final byte[] file = Files.readAllBytes(segment(dir));
        file[(int) (frames.get(4)[0] + 30)] ^= 0x01;
        Files.write(segment(dir), file);

        final Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.custodia.ledger.tools.VerifyLedgerCommand", dir.toString())
                .redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor()).isEqualTo(1);
        assertThat(output).contains("block 4 is bad");
    }

    private static byte[] concat(final byte[]... parts) {
        final ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (final byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }
}
