package io.custodia.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.ledger.block.Block;
import io.custodia.ledger.block.BlockCodec;
import io.custodia.ledger.block.BlockFrames;
import io.custodia.ledger.block.TransactionRecord;
import io.custodia.ledger.identity.Identity;
import io.custodia.ledger.verify.LedgerVerifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verification from an anchor: sound only if anything an anchored run skips (signatures up to the
 * anchor) cannot change without the anchor noticing. The forgeries here are made by someone holding
 * the node key, the strongest attacker a single-node ledger has: they re-seal every block after the one
 * they change (valid checksums, data hashes, chain and node signatures), so only the creator
 * signatures and the anchor can give them away.
 */
class AnchoredVerificationTest {
    private static final int BLOCKS_WITH_TXS = 8;

    @TempDir
    Path dir;

    private Identity node;
    private Identity alice;
    private EmbeddedLedger ledger;

    @BeforeEach
    void build_ledger() {
        ledger = TestLedgers.open(dir);
        node = ledger.nodeIdentity();
        alice = TestLedgers.member(ledger);
        for (int i = 0; i < BLOCKS_WITH_TXS; i++) {
            ledger.submit(alice, "kv:put", "K" + i, "v" + i);
        }
    }

    @AfterEach
    void close_ledger() {
        ledger.close();
    }

    @Test
    void anchored_verification_of_an_intact_ledger_checks_signatures_after_the_anchor_only() {
        final VerificationAnchor anchor = anchorAt(4);

        final VerificationReport report = ledger.verify(anchor);

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.blocksChecked()).isEqualTo(BLOCKS_WITH_TXS + 1);
        assertThat(report.transactionsChecked()).isEqualTo(BLOCKS_WITH_TXS);
        assertThat(report.signaturesFromBlock()).isEqualTo(5);
        assertThat(report.head()).isEqualTo(ledger.verify().head());
        assertThat(report.toString()).contains("signatures checked from block 5");
    }

    @Test
    void a_full_verification_hands_out_the_head_as_the_next_anchor() {
        final VerificationReport full = ledger.verify();

        final VerificationAnchor head = full.head().orElseThrow();

        assertThat(full.signaturesFromBlock()).isZero();
        assertThat(head.block()).isEqualTo(BLOCKS_WITH_TXS);
        assertThat(head.headerHash()).isEqualTo(ledger.info().headBlockHash());
        assertThat(ledger.verify(head).ok()).isTrue();
    }

    @Test
    void a_forged_transaction_after_the_anchor_fails_its_creator_signature() throws IOException {
        final VerificationAnchor anchor = anchorAt(3);
        ledger.close();

        forgeSignatureIn(6);

        final VerificationReport report = reopenAndVerify(anchor);
        assertThat(report.firstBadBlock()).as(report.toString()).hasValue(6);
        assertThat(report.reason()).contains("signature does not verify against its creator");
    }

    @Test
    void a_forged_transaction_before_the_anchor_breaks_the_anchor() throws IOException {
        final VerificationAnchor anchor = anchorAt(6);
        ledger.close();

        forgeSignatureIn(2);

        final VerificationReport anchored = reopenAndVerify(anchor);
        final VerificationReport full = reopenAndVerify(null);
        assertThat(anchored.firstBadBlock()).as(anchored.toString()).hasValue(6);
        assertThat(anchored.reason()).contains("is not the trusted anchor's");
        assertThat(full.firstBadBlock()).as(full.toString()).hasValue(2);
    }

    @Test
    void an_anchor_beyond_the_end_of_the_ledger_means_blocks_were_removed() {
        final VerificationAnchor head = ledger.verify().head().orElseThrow();
        final VerificationAnchor beyond = new VerificationAnchor(head.block() + 5, head.headerHash());

        final VerificationReport report = ledger.verify(beyond);

        assertThat(report.ok()).isFalse();
        assertThat(report.reason()).contains("before the trusted anchor block " + beyond.block());
    }

    @Test
    void an_anchor_with_another_hash_fails_at_the_anchor_block() {
        final VerificationAnchor wrong = new VerificationAnchor(3, "ab".repeat(32));

        final VerificationReport report = ledger.verify(wrong);

        assertThat(report.firstBadBlock()).hasValue(3);
        assertThat(report.head()).isEmpty();
    }

    @Test
    void verify_command_takes_an_anchor_and_prints_the_next_one() throws Exception {
        final VerificationAnchor anchor = anchorAt(5);
        final VerificationAnchor head = ledger.verify().head().orElseThrow();
        ledger.close();

        final Process good = command("--anchor", anchor.toString(), dir.toString());
        final String goodOutput = new String(good.getInputStream().readAllBytes());
        final Process wrong = command("--anchor", "5:" + "00".repeat(32), dir.toString());
        final String wrongOutput = new String(wrong.getInputStream().readAllBytes());
        final Process malformed = command("--anchor", "5", dir.toString());

        assertThat(good.waitFor()).as(goodOutput).isZero();
        assertThat(goodOutput).contains("signatures checked from block 6").contains("next anchor: " + head);
        assertThat(wrong.waitFor()).isEqualTo(1);
        assertThat(wrongOutput).contains("block 5 is bad");
        assertThat(malformed.waitFor()).isEqualTo(2);
    }

    @Test
    void anchors_parse_from_and_print_to_block_colon_hash() {
        final VerificationAnchor anchor = VerificationAnchor.parse("12:" + "AB".repeat(32));

        assertThat(anchor).isEqualTo(new VerificationAnchor(12, "ab".repeat(32)));
        assertThat(VerificationAnchor.parse(anchor.toString())).isEqualTo(anchor);
        assertThatThrownBy(() -> VerificationAnchor.parse("12")).hasMessageContaining("<block>:<64 hex digits>");
        assertThatThrownBy(() -> VerificationAnchor.parse("x:" + "ab".repeat(32))).hasMessageContaining("not a number");
        assertThatThrownBy(() -> VerificationAnchor.parse("-1:" + "ab".repeat(32))).hasMessageContaining("negative");
        assertThatThrownBy(() -> VerificationAnchor.parse("1:abc")).hasMessageContaining("64 lower-case hex");
    }

    /** The anchor a verification of blocks 0..{@code block} hands out, as an auditor would have kept it then. */
    private VerificationAnchor anchorAt(final long block) {
        final VerificationReport upTo = LedgerVerifier.verify(dir.resolve("blocks"), block + 1);
        assertThat(upTo.ok()).as(upTo.toString()).isTrue();
        return upTo.head().orElseThrow();
    }

    /**
     * Replaces the first transaction's creator signature in {@code target} by the node's signature over
     * the same proposal (a transaction the creator never signed), then re-seals {@code target} and every
     * later block with the node key so that checksums, data hashes, the chain and node signatures are valid.
     */
    private void forgeSignatureIn(final int target) throws IOException {
        final Path segment = BlockFrames.segmentPath(dir.resolve("blocks"), 0);
        final List<Block> blocks = readBlocks(segment);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] previous = null;
        for (final Block block : blocks) {
            Block sealed = block;
            if (block.number() >= target) {
                final List<TransactionRecord> txs = new ArrayList<>(block.transactions());
                if (block.number() == target) {
                    final TransactionRecord tx = txs.get(0);
                    txs.set(0, new TransactionRecord(tx.proposal(), node.sign(tx.proposal().signingBytes()), tx.readWriteSet(),
                            tx.response(), tx.event(), tx.validationCode()));
                }
                sealed = BlockCodec.build(block.number(), previous, block.timestampMillis(), txs, block.config(), node::sign);
            }
            final ByteBuffer frame = BlockFrames.frame(BlockCodec.encode(sealed));
            out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
            previous = sealed.headerHash();
        }
        Files.write(segment, out.toByteArray());
    }

    private static List<Block> readBlocks(final Path segment) throws IOException {
        final ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(segment));
        final List<Block> blocks = new ArrayList<>();
        while (data.remaining() > 0) {
            data.getInt();
            final byte[] bytes = new byte[data.getInt()];
            data.get(bytes);
            data.getInt();
            blocks.add(BlockCodec.decode(bytes).block());
        }
        return blocks;
    }

    private static Process command(final String... args) throws IOException {
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.custodia.ledger.tools.VerifyLedgerCommand"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private VerificationReport reopenAndVerify(final VerificationAnchor anchor) {
        return LedgerVerifier.verify(dir.resolve("blocks"), Long.MAX_VALUE, null, anchor);
    }
}
