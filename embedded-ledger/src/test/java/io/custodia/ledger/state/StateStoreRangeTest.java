package io.custodia.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.ledger.ValidationCode;
import io.custodia.ledger.block.BlockCodec;
import io.custodia.ledger.block.KeyWrite;
import io.custodia.ledger.block.Proposal;
import io.custodia.ledger.block.ReadWriteSet;
import io.custodia.ledger.block.TransactionRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Range scans against a model, on keys spread over several SST files and the memtable: the prefix
 * Bloom filters may only skip files whose keys are outside the range.
 */
class StateStoreRangeTest {
    private static final String MAX = "\uDBFF\uDFFF";
    /** Keys in the UTF-8 byte order the store iterates in. */
    private final TreeSet<String> model = new TreeSet<>((a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
    private final Random random = new Random(20261202);

    @TempDir
    Path dir;

    @Test
    void scans_return_exactly_the_keys_in_range_whether_or_not_they_use_the_prefix_filters() {
        final List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            subjects.add(hex(32));
        }
        long block = 0;
        // Three generations: two flushed to SST files by close(), the last one left in the memtable.
        for (int generation = 0; generation < 3; generation++) {
            try (StateStore state = StateStore.open(dir)) {
                if (generation == 0) {
                    state.apply(BlockCodec.build(block++, new byte[32], 0, List.of(), new byte[0], h -> new byte[0]));
                }
                final List<KeyWrite> writes = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    writes.add(write(randomKey(subjects)));
                }
                state.apply(BlockCodec.build(block++, new byte[32], 0, List.of(tx(writes)), new byte[0], h -> new byte[0]));
                if (generation < 2) {
                    continue;
                }
                int prefixScans = 0;
                for (final String subject : subjects) {
                    final String start = "\u0000CONSENT_BY_SUBJECT\u0000" + subject + "\u0000";
                    prefixScans += sharesPrefix(start, start + MAX) ? 1 : 0;
                    assertThat(scan(state, start, start + MAX)).isEqualTo(expected(start, start + MAX));
                }
                assertThat(prefixScans).as("consent scans that use the prefix filters").isEqualTo(subjects.size());
                for (final String[] range : new String[][] {
                        {"", ""}, {"\u0000CONSENT_BY_SUBJECT\u0000", "\u0000CONSENT_BY_SUBJECT\u0001"},
                        {"\u0000DATASET\u0000", "\u0000DATASET\u0000" + MAX}, {"a", "z"}, {"\u0000", "b"}}) {
                    assertThat(sharesPrefix(range[0], range[1])).isFalse();
                    assertThat(scan(state, range[0], range[1])).isEqualTo(expected(range[0], range[1]));
                }
                for (int i = 0; i < 200; i++) {
                    final String a = randomKey(subjects);
                    final String b = randomKey(subjects);
                    final String start = model.comparator().compare(a, b) <= 0 ? a : b;
                    final String end = start == a ? b : a;
                    assertThat(scan(state, start, end)).as("[%s, %s)", start, end).isEqualTo(expected(start, end));
                }
            }
        }
    }

    private static boolean sharesPrefix(final String start, final String end) {
        return StateStore.sharesFilterPrefix(StateStore.stateKey(start), StateStore.stateKey(end));
    }

    /** Consent-index keys of the given subjects, short keys below and above them, and other key types. */
    private String randomKey(final List<String> subjects) {
        return switch (random.nextInt(5)) {
            case 0, 1 -> "\u0000CONSENT_BY_SUBJECT\u0000" + subjects.get(random.nextInt(subjects.size())) + "\u0000"
                    + "consent-" + random.nextInt(1000) + "\u0000";
            case 2 -> "\u0000DATASET\u0000ds-" + random.nextInt(50) + "\u0000";
            case 3 -> hex(random.nextInt(3));
            default -> "k" + random.nextInt(100);
        };
    }

    private List<String> expected(final String start, final String end) {
        return new ArrayList<>(end.isEmpty() ? model.tailSet(start, true) : model.subSet(start, true, end, false));
    }

    private static List<String> scan(final StateStore state, final String start, final String end) {
        final List<String> out = new ArrayList<>();
        try (StateCursor cursor = state.range(start, end)) {
            while (cursor.hasNext()) {
                out.add(cursor.next().key());
            }
        }
        return out;
    }

    private KeyWrite write(final String key) {
        model.add(key);
        return new KeyWrite(key, false, key.getBytes(StandardCharsets.UTF_8));
    }

    private String hex(final int bytes) {
        final byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private TransactionRecord tx(final List<KeyWrite> writes) {
        final byte[] nonce = hex(8).getBytes(StandardCharsets.UTF_8);
        final byte[] creator = {1, 2, 3};
        final Proposal p = new Proposal("ch", "cc", Proposal.computeTxId(nonce, creator), Instant.EPOCH, creator, nonce, "f", List.of());
        return new TransactionRecord(p, new byte[0], new ReadWriteSet(List.of(), List.of(), writes), new byte[0],
                Optional.empty(), ValidationCode.VALID);
    }
}
