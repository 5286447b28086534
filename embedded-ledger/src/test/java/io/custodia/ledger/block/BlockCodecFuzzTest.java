package io.custodia.ledger.block;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.custodia.ledger.ValidationCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fuzzes the block decoder, which reads whatever is in the block files: arbitrary bytes decode to a
 * block or fail with {@link MalformedBlockException} — never another exception, never an allocation
 * driven by a corrupt length — and a decoded block encodes back to exactly the bytes it came from
 * (one encoding per block, so no two byte strings mean the same block). Blocks built by the encoder
 * from fuzzed contents decode and re-encode to the same bytes. Regression inputs:
 * {@code src/test/resources/io/custodia/ledger/block/BlockCodecFuzzTestInputs}.
 */
class BlockCodecFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void arbitrary_bytes_decode_to_the_block_they_encode_or_are_malformed(final byte[] bytes) {
        final BlockCodec.Decoded decoded;
        try {
            decoded = BlockCodec.decode(bytes);
        } catch (MalformedBlockException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }

        assertThat(BlockCodec.encode(decoded.block())).isEqualTo(bytes);
    }

    @FuzzTest(maxDuration = "10s")
    void built_blocks_decode_and_encode_back_to_the_same_bytes(final FuzzedDataProvider data) {
        final List<TransactionRecord> transactions = new ArrayList<>();
        final int count = data.consumeInt(0, 4);
        final List<byte[]> creators = List.of(data.consumeBytes(40), data.consumeBytes(40));
        for (int i = 0; i < count; i++) {
            transactions.add(transaction(data, creators.get(data.consumeInt(0, 1))));
        }
        final long number = data.consumeLong();
        final byte[] previous = data.consumeBytes(32);
        final long timestamp = data.consumeLong();
        final byte[] signature = data.consumeBytes(72);
        final byte[] config = data.consumeRemainingAsBytes();

        final BlockCodec.Built built = BlockCodec.buildEncoded(number, previous, timestamp, transactions, config, header -> signature);
        final BlockCodec.Decoded decoded = BlockCodec.decode(built.bytes());

        assertThat(BlockCodec.encode(decoded.block())).isEqualTo(built.bytes());
        assertThat(BlockCodec.encode(built.block())).isEqualTo(built.bytes());
        assertThat(decoded.computedDataHash()).isEqualTo(built.block().dataHash());
        assertThat(decoded.block().headerHash()).isEqualTo(built.block().headerHash());
        assertThat(decoded.block().transactions()).hasSize(count);
    }

    private static TransactionRecord transaction(final FuzzedDataProvider data, final byte[] creator) {
        final Instant timestamp = Instant.ofEpochSecond(data.consumeLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                data.consumeInt(0, 999_999_999));
        final List<byte[]> args = new ArrayList<>();
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            args.add(data.consumeBytes(16));
        }
        final Proposal proposal = new Proposal(data.consumeString(8), data.consumeString(8), data.consumeString(16), timestamp,
                creator, data.consumeBytes(24), data.consumeString(16), args);
        final List<KeyRead> reads = new ArrayList<>();
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            reads.add(read(data));
        }
        final List<RangeRead> ranges = new ArrayList<>();
        for (int i = data.consumeInt(0, 2); i > 0; i--) {
            final List<KeyRead> rangeReads = new ArrayList<>();
            for (int j = data.consumeInt(0, 2); j > 0; j--) {
                rangeReads.add(read(data));
            }
            ranges.add(new RangeRead(data.consumeString(8), data.consumeString(8), data.consumeBoolean(), rangeReads));
        }
        final List<KeyWrite> writes = new ArrayList<>();
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            writes.add(new KeyWrite(data.consumeString(12), data.consumeBoolean(), data.consumeBytes(24)));
        }
        final Optional<TransactionEvent> event = data.consumeBoolean()
                ? Optional.of(new TransactionEvent(data.consumeString(12), data.consumeBytes(24)))
                : Optional.empty();
        return new TransactionRecord(proposal, data.consumeBytes(72), new ReadWriteSet(reads, ranges, writes), data.consumeBytes(32),
                event, data.pickValue(ValidationCode.values()));
    }

    private static KeyRead read(final FuzzedDataProvider data) {
        return new KeyRead(data.consumeString(12), data.consumeBoolean() ? new Version(data.consumeLong(), data.consumeInt()) : null);
    }
}
