package io.custodia.canonical;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * SHA-256 and hex helpers, and the one domain-separated hash construction used for anything that
 * combines several values.
 *
 * <p>{@link #tagged(String, byte[]...)} hashes {@code len(domain) || domain || (len(part) || part)*}
 * with 4-byte big-endian lengths, so no two different inputs can produce the same byte stream (no
 * ambiguous concatenation), and hashes from different purposes never collide.
 */
public final class Hashes {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Hashes() {}

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static byte[] sha256(final byte[] data) {
        return newSha256().digest(Objects.requireNonNull(data, "data"));
    }

    public static String sha256Hex(final byte[] data) {
        return hex(sha256(data));
    }

    public static String sha256Hex(final String utf8) {
        return sha256Hex(utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** Domain-separated, length-prefixed SHA-256 over several parts. */
    public static byte[] tagged(final String domain, final byte[]... parts) {
        final MessageDigest digest = newSha256();
        final byte[] tag = domain.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(tag.length).array());
        digest.update(tag);
        for (final byte[] part : parts) {
            digest.update(ByteBuffer.allocate(4).putInt(part.length).array());
            digest.update(part);
        }
        return digest.digest();
    }

    /**
     * Whether {@code value} is a lower-case hex SHA-256 digest (64 of {@code [0-9a-f]}). A plain loop,
     * not a regular expression: an access decision checks each released subject's reference several
     * times, and the regex engine was 5% of a 100-subject PERMIT's CPU.
     */
    public static boolean isSha256Hex(final String value) {
        if (value == null || value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            final char c = value.charAt(i);
            // A table, not range tests: whether a hex digit is a digit or a letter is a coin toss the
            // CPU mispredicts (the range tests were 3% of a 100-subject access request's CPU).
            if (c >= LOWER_HEX.length || !LOWER_HEX[c]) {
                return false;
            }
        }
        return true;
    }

    private static final boolean[] LOWER_HEX = lowerHexTable();

    private static boolean[] lowerHexTable() {
        final boolean[] table = new boolean['f' + 1];
        for (char c = '0'; c <= '9'; c++) {
            table[c] = true;
        }
        for (char c = 'a'; c <= 'f'; c++) {
            table[c] = true;
        }
        return table;
    }

    public static String hex(final byte[] bytes) {
        final char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    public static byte[] fromHex(final String hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("hex string has odd length");
        }
        final byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            final int hi = Character.digit(hex.charAt(2 * i), 16);
            final int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a hex string");
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }
}
