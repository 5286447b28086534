package io.custodia.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HashesTest {
    /** The definition the hand-written check must agree with. */
    private static final Pattern DEFINITION = Pattern.compile("[0-9a-f]{64}");

    @Test
    void a_digest_in_hex_is_a_sha256_hex_and_near_misses_are_not() {
        final String digest = Hashes.sha256Hex("x");
        assertThat(Hashes.isSha256Hex(digest)).isTrue();
        assertThat(Hashes.isSha256Hex(null)).isFalse();
        assertThat(Hashes.isSha256Hex("")).isFalse();
        assertThat(Hashes.isSha256Hex(digest.substring(1))).isFalse();
        assertThat(Hashes.isSha256Hex(digest + "0")).isFalse();
        assertThat(Hashes.isSha256Hex(digest.toUpperCase())).isFalse();
        // The neighbours of each range bound: '/' ':' '`' 'g'.
        for (final char c : new char[] {'/', ':', '`', 'g', 'A', 'F', ' ', '\u0660'}) {
            assertThat(Hashes.isSha256Hex(c + digest.substring(1))).as("leading %s", c).isFalse();
            assertThat(Hashes.isSha256Hex(digest.substring(0, 63) + c)).as("trailing %s", c).isFalse();
        }
    }

    @Test
    void agrees_with_the_regular_expression_on_random_strings_near_the_format() {
        final Random random = new Random(7);
        final String alphabet = "0123456789abcdef/:`gAF";
        final List<String> samples = new ArrayList<>();
        for (int n = 0; n < 5_000; n++) {
            final int length = 62 + random.nextInt(5);
            final StringBuilder s = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                // Mostly hex, so a good share of the samples are valid.
                s.append(random.nextInt(200) == 0 ? alphabet.charAt(16 + random.nextInt(6)) : alphabet.charAt(random.nextInt(16)));
            }
            samples.add(s.toString());
        }
        long valid = 0;
        for (final String sample : samples) {
            final boolean expected = DEFINITION.matcher(sample).matches();
            assertThat(Hashes.isSha256Hex(sample)).as(sample).isEqualTo(expected);
            valid += expected ? 1 : 0;
        }
        assertThat(valid).isBetween(100L, 4_900L);
    }
}
