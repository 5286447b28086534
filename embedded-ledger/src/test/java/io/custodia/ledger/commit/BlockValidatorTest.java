package io.custodia.ledger.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.ledger.ValidationCode;
import io.custodia.ledger.block.BlockCodec;
import io.custodia.ledger.block.KeyRead;
import io.custodia.ledger.block.KeyWrite;
import io.custodia.ledger.block.Proposal;
import io.custodia.ledger.block.RangeRead;
import io.custodia.ledger.block.ReadWriteSet;
import io.custodia.ledger.block.TransactionRecord;
import io.custodia.ledger.block.Version;
import io.custodia.ledger.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockValidatorTest {
    private static final AtomicInteger NONCE = new AtomicInteger();

    @TempDir
    Path dir;

    private StateStore state;

    @BeforeEach
    void open_state_with_key_a_at_block_1() {
        state = StateStore.open(dir);
        state.apply(BlockCodec.build(0, new byte[32], 0, List.of(), new byte[0], h -> new byte[0]));
        state.apply(BlockCodec.build(1, new byte[32], 0,
                List.of(tx(new ReadWriteSet(List.of(), List.of(), List.of(write("R\u0001a", "1"))))), new byte[0], h -> new byte[0]));
    }

    @AfterEach
    void close_state() {
        state.close();
    }

    private static KeyWrite write(final String key, final String value) {
        return new KeyWrite(key, false, value.getBytes(StandardCharsets.UTF_8));
    }

    private static TransactionRecord tx(final ReadWriteSet rw) {
        final byte[] nonce = Integer.toString(NONCE.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
        final byte[] creator = {1, 2, 3};
        final Proposal p = new Proposal("ch", "cc", Proposal.computeTxId(nonce, creator), Instant.EPOCH, creator, nonce, "f", List.of());
        return new TransactionRecord(p, new byte[0], rw, new byte[0], Optional.empty(), ValidationCode.VALID);
    }

    @Test
    void stale_read_after_an_earlier_write_in_the_same_block_is_an_mvcc_conflict() {
        final BlockValidator validator = new BlockValidator(state, 2);
        final KeyRead readA = new KeyRead("R\u0001a", new Version(1, 0));
        final TransactionRecord first = tx(new ReadWriteSet(List.of(readA), List.of(), List.of(write("R\u0001a", "2"))));
        final TransactionRecord second = tx(new ReadWriteSet(List.of(readA), List.of(), List.of(write("R\u0001a", "3"))));

        final ValidationCode firstCode = validator.validate(first, 0);
        final ValidationCode secondCode = validator.validate(second, 1);

        assertThat(firstCode).isEqualTo(ValidationCode.VALID);
        assertThat(secondCode).isEqualTo(ValidationCode.MVCC_READ_CONFLICT);
    }

    @Test
    void key_inserted_into_a_read_range_is_a_phantom_conflict() {
        final BlockValidator validator = new BlockValidator(state, 2);
        final TransactionRecord insert = tx(new ReadWriteSet(List.of(), List.of(), List.of(write("R\u0001b", "x"))));
        final RangeRead range = new RangeRead("R\u0001", "R\u0002", true, List.of(new KeyRead("R\u0001a", new Version(1, 0))));
        final TransactionRecord count = tx(new ReadWriteSet(List.of(), List.of(range), List.of(write("N", "1"))));

        final ValidationCode insertCode = validator.validate(insert, 0);
        final ValidationCode countCode = validator.validate(count, 1);

        assertThat(insertCode).isEqualTo(ValidationCode.VALID);
        assertThat(countCode).isEqualTo(ValidationCode.PHANTOM_READ_CONFLICT);
    }

    @Test
    void unchanged_range_and_reads_are_valid_and_a_repeated_tx_id_is_a_duplicate() {
        final BlockValidator validator = new BlockValidator(state, 2);
        final RangeRead range = new RangeRead("R\u0001", "R\u0002", true, List.of(new KeyRead("R\u0001a", new Version(1, 0))));
        final TransactionRecord count = tx(new ReadWriteSet(List.of(new KeyRead("missing", null)), List.of(range), List.of()));

        final ValidationCode first = validator.validate(count, 0);
        final ValidationCode again = validator.validate(count, 1);

        assertThat(first).isEqualTo(ValidationCode.VALID);
        assertThat(again).isEqualTo(ValidationCode.DUPLICATE_TXID);
    }
}
