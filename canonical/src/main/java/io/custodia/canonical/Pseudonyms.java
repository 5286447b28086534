package io.custodia.canonical;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymous subject references: {@code subjectRef = HMAC-SHA256(subjectSalt, patientId)} in
 * lower-case hex.
 *
 * <p>The ledger accepts only values of exactly this shape, so a raw identifier (a medical record
 * number, a name) can never be stored by mistake. Once the off-chain salt is destroyed the reference
 * can no longer be linked to anyone.
 */
public final class Pseudonyms {
    private Pseudonyms() {}

    /** Whether {@code value} has the shape of a subject reference (64 lower-case hex digits). */
    public static boolean isSubjectRef(final String value) {
        return Hashes.isSha256Hex(value);
    }

    /** Derives the subject reference of {@code patientId} under {@code subjectSalt}. */
    public static String subjectRef(final byte[] subjectSalt, final String patientId) {
        return Hashes.hex(hmacSha256(subjectSalt, patientId.getBytes(StandardCharsets.UTF_8)));
    }

    /** HMAC-SHA256, also used for the registry key {@code HMAC(institutionPepper, patientId)}. */
    public static byte[] hmacSha256(final byte[] key, final byte[] message) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        if (key.length < 16) {
            throw new IllegalArgumentException("HMAC key must be at least 16 bytes");
        }
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
