package io.custodia.gateway.store;

import io.custodia.canonical.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for personal columns and for wrapping per-subject data keys.
 *
 * <p>Blob layout: version byte {@code 0x01}, 12-byte random nonce, ciphertext with 16-byte tag.
 * The associated data is a domain-separated hash of the column's purpose and the row's identity
 * (subject, dataset, consent id), so a ciphertext copied into another row or column fails
 * authentication instead of decrypting to the wrong subject's data.
 */
final class FieldCrypto {
    static final int KEY_BYTES = 32;
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /**
     * Ciphers per thread, initialised afresh (key, nonce) for every value. {@code
     * Cipher.getInstance} looks the provider up on each call: in the access flow, which opens two
     * values per released subject, that lookup cost as much as the key setup and the decryption
     * together. A {@code Cipher} is not thread-safe, hence per thread. Wrapping and unwrapping data
     * keys has a cipher of its own: it is always initialised with the key-encryption key, which the
     * JDK's AES then recognises and does not expand again (the expansion was as costly as the lookup).
     */
    private static final ThreadLocal<Cipher> WITH_DATA_KEY = ThreadLocal.withInitial(FieldCrypto::newCipher);
    private static final ThreadLocal<Cipher> WITH_KEK = ThreadLocal.withInitial(FieldCrypto::newCipher);

    private final KeyEncryptionKey kek;
    private final Map<String, KeyEncryptionKey> unwrapKeys;
    private final SecureRandom random;

    /**
     * @param kek wraps new data keys and unwraps those it wrapped
     * @param retired earlier keys, accepted for unwrapping only until {@link
     *     OffChainStore#rewrapDataKeys()} moved every data key to {@code kek}
     */
    FieldCrypto(final KeyEncryptionKey kek, final List<KeyEncryptionKey> retired, final SecureRandom random) {
        this.kek = kek;
        final Map<String, KeyEncryptionKey> keys = new HashMap<>();
        retired.forEach(k -> keys.put(k.id(), k));
        keys.put(kek.id(), kek);
        this.unwrapKeys = Map.copyOf(keys);
        this.random = random;
    }

    String kekId() {
        return kek.id();
    }

    byte[] randomBytes(final int length) {
        final byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    byte[] wrapDataKey(final String subjectRef, final byte[] dataKey) {
        return seal(WITH_KEK.get(), kek.keyBytes(), aad("subject-data-key", kek.id(), subjectRef), dataKey);
    }

    byte[] unwrapDataKey(final String subjectRef, final String kekId, final byte[] wrapped) {
        final KeyEncryptionKey wrapping = unwrapKeys.get(kekId);
        if (wrapping == null) {
            throw new StoreException("subject data key is wrapped by an unknown key-encryption key");
        }
        return open(WITH_KEK.get(), wrapping.keyBytes(), aad("subject-data-key", wrapping.id(), subjectRef), wrapped);
    }

    /** Encrypts with a data key. */
    byte[] seal(final byte[] key, final byte[] aad, final byte[] plaintext) {
        return seal(WITH_DATA_KEY.get(), key, aad, plaintext);
    }

    /** Decrypts with a data key. */
    byte[] open(final byte[] key, final byte[] aad, final byte[] blob) {
        return open(WITH_DATA_KEY.get(), key, aad, blob);
    }

    private byte[] seal(final Cipher cipher, final byte[] key, final byte[] aad, final byte[] plaintext) {
        final byte[] nonce = randomBytes(NONCE_BYTES);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            final byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM unavailable", e);
        }
    }

    private static byte[] open(final Cipher cipher, final byte[] key, final byte[] aad, final byte[] blob) {
        if (blob.length < 1 + NONCE_BYTES + TAG_BITS / 8 || blob[0] != VERSION) {
            throw new StoreException("stored encrypted value has an unknown format");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, blob, 1, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(blob, 1 + NONCE_BYTES, blob.length - 1 - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new StoreException("stored encrypted value failed authentication (wrong key or tampered row)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM unavailable", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM unavailable", e);
        }
    }

    /** Associated data: length-prefixed, domain-separated hash of the column purpose and row identity. */
    static byte[] aad(final String purpose, final String... rowIdentity) {
        final byte[][] parts = new byte[rowIdentity.length][];
        for (int i = 0; i < rowIdentity.length; i++) {
            parts[i] = rowIdentity[i].getBytes(StandardCharsets.UTF_8);
        }
        return Hashes.tagged("custodia/store/" + purpose, parts);
    }
}
