package io.custodia.canonical;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 key of the C2SP signed-note ecosystem: a log key (signature type {@code 0x01}, signs
 * checkpoints) or a cosigner key (type {@code 0x04}, C2SP tlog-cosignature/v1), with its name and
 * 4-byte key ID {@code SHA-256(name || 0x0A || type || pubkey)[:4]}.
 *
 * <p>Text forms, as Go's {@code golang.org/x/mod/sumdb/note}: verifier key
 * {@code name+<8 hex key ID>+base64(type || pubkey)}; private key
 * {@code PRIVATE+KEY+name+<8 hex key ID>+base64(type || 32-byte seed)}.
 *
 * <pre>{@code
 * NoteKey log = NoteKey.generate("custodia.example/log", NoteKey.TYPE_ED25519);
 * String vkey = log.verifierKey();           // publish this
 * NoteKey verifier = NoteKey.parseVerifierKey(vkey);
 * }</pre>
 */
public final class NoteKey {
    /** Signed-note Ed25519 signature type (checkpoint signatures). */
    public static final byte TYPE_ED25519 = 0x01;
    /** tlog-cosignature/v1 Ed25519 signature type (witness cosignatures). */
    public static final byte TYPE_COSIGNATURE_V1 = 0x04;
    private static final String PRIVATE_PREFIX = "PRIVATE+KEY+";

    private final String name;
    private final byte type;
    private final byte[] publicKey;
    private final Optional<Ed25519PrivateKeyParameters> privateKey;

    private NoteKey(final String name, final byte type, final byte[] publicKey, final Ed25519PrivateKeyParameters privateKey) {
        this.name = checkName(name);
        if (type != TYPE_ED25519 && type != TYPE_COSIGNATURE_V1) {
            throw new IllegalArgumentException("unsupported signature type " + type);
        }
        this.type = type;
        this.publicKey = publicKey.clone();
        this.privateKey = Optional.ofNullable(privateKey);
    }

    /** A new random key. */
    public static NoteKey generate(final String name, final byte type) {
        final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
        return new NoteKey(name, type, key.generatePublicKey().getEncoded(), key);
    }

    /** Parses {@code name+hash+base64(type||pubkey)}; the hash must match. */
    public static NoteKey parseVerifierKey(final String text) {
        final String[] parts = Objects.requireNonNull(text, "text").trim().split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a verifier key is name+hash+key");
        }
        final byte[] key = decode(parts[2]);
        if (key.length != 33) {
            throw new IllegalArgumentException("verifier key material must be a type byte and 32 key bytes");
        }
        final NoteKey parsed = new NoteKey(parts[0], key[0], Arrays.copyOfRange(key, 1, 33), null);
        parsed.requireKeyId(parts[1]);
        return parsed;
    }

    /** Parses {@code PRIVATE+KEY+name+hash+base64(type||seed)}; the hash must match. */
    public static NoteKey parsePrivateKey(final String text) {
        final String trimmed = Objects.requireNonNull(text, "text").trim();
        if (!trimmed.startsWith(PRIVATE_PREFIX)) {
            throw new IllegalArgumentException("a private key starts with " + PRIVATE_PREFIX);
        }
        final String[] parts = trimmed.substring(PRIVATE_PREFIX.length()).split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a private key is PRIVATE+KEY+name+hash+key");
        }
        final byte[] key = decode(parts[2]);
        if (key.length != 33) {
            throw new IllegalArgumentException("private key material must be a type byte and a 32-byte seed");
        }
        final byte type = key[0];
        final Ed25519PrivateKeyParameters secret = new Ed25519PrivateKeyParameters(key, 1);
        Arrays.fill(key, (byte) 0);
        final NoteKey parsed = new NoteKey(parts[0], type, secret.generatePublicKey().getEncoded(), secret);
        parsed.requireKeyId(parts[1]);
        return parsed;
    }

    public String name() {
        return name;
    }

    public byte type() {
        return type;
    }

    public boolean canSign() {
        return privateKey.isPresent();
    }

    /** The 4-byte key ID as the signed-note spec defines it. */
    public byte[] keyId() {
        final var digest = Hashes.newSha256();
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0x0A);
        digest.update(type);
        digest.update(publicKey);
        return Arrays.copyOf(digest.digest(), 4);
    }

    public String verifierKey() {
        return name + "+" + Hashes.hex(keyId()) + "+" + Base64.getEncoder().encodeToString(typed(publicKey));
    }

    /** The private key text; write it to a 0600 file only. */
    public String privateKeyText() {
        final byte[] seed = privateKey.orElseThrow(() -> new IllegalStateException("verifier keys cannot sign")).getEncoded();
        return PRIVATE_PREFIX + name + "+" + Hashes.hex(keyId()) + "+" + Base64.getEncoder().encodeToString(typed(seed));
    }

    /** A raw Ed25519 signature of {@code message}. */
    public byte[] sign(final byte[] message) {
        final Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey.orElseThrow(() -> new IllegalStateException("verifier keys cannot sign")));
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code message}; never throws on bad input. */
    public boolean verify(final byte[] message, final byte[] signature) {
        if (message == null || signature == null || signature.length != 64) {
            return false;
        }
        final Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** The key ID as a big-endian int, to match signature lines quickly. */
    int keyIdInt() {
        return ByteBuffer.wrap(keyId()).getInt();
    }

    private byte[] typed(final byte[] key) {
        final byte[] out = new byte[key.length + 1];
        out[0] = type;
        System.arraycopy(key, 0, out, 1, key.length);
        return out;
    }

    private void requireKeyId(final String hex) {
        if (!Hashes.hex(keyId()).equals(hex)) {
            throw new IllegalArgumentException("key hash " + hex + " does not match the key (expected " + Hashes.hex(keyId()) + ")");
        }
    }

    private static byte[] decode(final String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key material is not base64", e);
        }
    }

    static String checkName(final String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.chars().anyMatch(c -> c == '+' || Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("a key name is non-empty, with no spaces and no '+'");
        }
        return name;
    }
}
