package io.custodia.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ItemCommitmentsTest {
    private static final String REF_A = "aa".repeat(32);
    private static final String REF_B = "0b".repeat(32);

    @Test
    void commitment_is_the_length_prefixed_tagged_hash_of_salt_ref_and_root() throws Exception {
        final byte[] salt = filled(32, 7);
        final byte[] itemsRoot = filled(32, 9);

        final byte[] commitment = ItemCommitments.commitment(salt, REF_A, itemsRoot);

        // Independent composition of the documented byte stream, not via Hashes.tagged.
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        final byte[] tag = "custodia.item-commitment.v1".getBytes(StandardCharsets.US_ASCII);
        expected.write(new byte[] {0, 0, 0, (byte) tag.length});
        expected.write(tag);
        expected.write(new byte[] {0, 0, 0, 32});
        expected.write(salt);
        expected.write(new byte[] {0, 0, 0, 32});
        expected.write(Hashes.fromHex(REF_A));
        expected.write(new byte[] {0, 0, 0, 32});
        expected.write(itemsRoot);
        assertThat(commitment).isEqualTo(MessageDigest.getInstance("SHA-256").digest(expected.toByteArray()));
    }

    @Test
    void root_orders_commitments_by_subject_ref_and_uses_rfc6962_leaves() throws Exception {
        final byte[] commitmentA = filled(32, 1);
        final byte[] commitmentB = filled(32, 2);
        final TreeMap<String, byte[]> commitments = new TreeMap<>();
        commitments.put(REF_A, commitmentA);
        commitments.put(REF_B, commitmentB);

        final String root = ItemCommitments.root(commitments);

        // REF_B ("0b..") sorts before REF_A ("aa..").
        final MessageDigest sha = MessageDigest.getInstance("SHA-256");
        final byte[] leafB = sha.digest(concat(new byte[] {0}, commitmentB));
        final byte[] leafA = sha.digest(concat(new byte[] {0}, commitmentA));
        final byte[] expected = sha.digest(concat(new byte[] {1}, concat(leafB, leafA)));
        assertThat(root).isEqualTo(Hashes.hex(expected));
    }

    @Test
    void rejects_salt_of_wrong_length_and_malformed_subject_ref() {
        assertThatThrownBy(() -> ItemCommitments.commitment(filled(16, 1), REF_A, filled(32, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> ItemCommitments.commitment(filled(32, 1), "patient-123", filled(32, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("patient-123");
    }

    @Test
    void rejects_a_custom_subject_order() {
        final TreeMap<String, byte[]> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.put(REF_A, filled(32, 1));

        assertThatThrownBy(() -> ItemCommitments.root(reversed)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] filled(final int length, final int value) {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] concat(final byte[] a, final byte[] b) {
        final byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
