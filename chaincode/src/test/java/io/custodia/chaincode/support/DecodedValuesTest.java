package io.custodia.chaincode.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.canonical.CanonicalJson;
import io.custodia.chaincode.consent.ActiveConsents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecodedValuesTest {
    private final AtomicInteger decodes = new AtomicInteger();

    private <T> T decode(final Class<T> type, final byte[] bytes) {
        return DecodedValues.decode(type, bytes, b -> {
            decodes.incrementAndGet();
            return CanonicalJson.parse(b, type);
        });
    }

    private static byte[] json(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON array of one unique string: bytes no other test has handed to the (process-wide) memo. */
    private static String unique(final String tag) {
        return "[\"" + tag + "-" + System.nanoTime() + "\"]";
    }

    @Test
    void equal_bytes_decode_once_to_one_shared_value() {
        final String text = unique("memo");

        final List<?> first = decode(List.class, json(text));
        final List<?> second = decode(List.class, json(text));

        assertThat(second).isSameAs(first);
        assertThat(decodes).hasValue(1);
    }

    @Test
    void other_bytes_or_another_type_decode_anew() {
        final String text = unique("other");
        final List<?> list = decode(List.class, json(text));

        final List<?> changed = decode(List.class, json(text.replace("other-", "changed-")));
        final Object asObject = decode(Object.class, json(text));

        assertThat((String) changed.get(0)).startsWith("changed-");
        assertThat(asObject).isNotSameAs(list).isEqualTo(list);
        assertThat(decodes).hasValue(3);
    }

    @Test
    void a_caller_changing_its_array_afterwards_does_not_change_what_is_remembered() {
        final String original = unique("mutable");
        final byte[] bytes = json(original);
        final List<?> first = decode(List.class, bytes);

        bytes[2] = 'X';
        final List<?> forChanged = decode(List.class, bytes);
        final List<?> forOriginal = decode(List.class, json(original));

        assertThat((String) forChanged.get(0)).startsWith("Xutable-");
        assertThat(forOriginal).isSameAs(first);
        assertThat(decodes).hasValue(2);
    }

    @Test
    void an_active_consent_set_decodes_once_and_later_reads_of_its_bytes_share_it() {
        final byte[] bytes = json("{\"consents\":[]}");
        final ActiveConsents first = DecodedValues.decode(ActiveConsents.class, bytes, b -> CanonicalJson.parse(b, ActiveConsents.class));
        final ActiveConsents again = DecodedValues.decode(ActiveConsents.class, json("{\"consents\":[]}"),
                b -> { throw new AssertionError("decoded twice"); });

        assertThat(again).isSameAs(first);
        assertThat(again.consents()).isEmpty();
    }

    @Test
    void the_content_hash_depends_on_every_byte_and_on_the_length() {
        // 37 bytes: four eight-byte words and a five-byte tail.
        final byte[] base = json("{\"consents\":[\"c-1\",\"c-2\"],\"v\":123456}");
        final java.util.Set<Integer> hashes = new java.util.HashSet<>();
        hashes.add(DecodedValues.contentHash(base));
        for (int i = 0; i < base.length; i++) {
            final byte[] changed = base.clone();
            changed[i] ^= 1;
            hashes.add(DecodedValues.contentHash(changed));
        }
        hashes.add(DecodedValues.contentHash(java.util.Arrays.copyOf(base, base.length + 1)));

        assertThat(base).hasSize(37);
        assertThat(hashes).hasSize(base.length + 2);
        assertThat(DecodedValues.contentHash(base.clone())).isEqualTo(DecodedValues.contentHash(base));
    }
}
