package io.custodia.gateway.config;

import io.custodia.canonical.Pseudonyms;
import io.custodia.gateway.store.KeyEncryptionKey;
import io.custodia.ledger.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The gateway's two secrets: the pepper that keys the subject registry ({@code HMAC(pepper, patientId)})
 * (and, through labelled derivation, the bookmark key) and the key-encryption key of the off-chain store. Each is 32 random bytes (hex) in a file readable by
 * the owner only under {@code <data dir>/keys/}, created on first start. A production deployment places
 * these files from its secret store before the first start; reading them from separate configured paths
 * is not built yet.
 */
public final class GatewaySecrets {
    private final byte[] pepper;
    private final KeyEncryptionKey storeKey;

    private GatewaySecrets(final byte[] pepper, final KeyEncryptionKey storeKey) {
        this.pepper = pepper;
        this.storeKey = storeKey;
    }

    /**
     * Refuses to start when a secret under {@code <data dir>/keys/} (every file there) or a private key
     * of the embedded ledger ({@code <data dir>/ledger/identities/**}{@code /*-key.pem}) can be read by
     * group or others: the exception's one-line message names the file and the {@code chmod} to run.
     */
    public static void requireOwnerOnly(final Path dataDir) {
        try {
            PrivateFiles.requireOwnerOnlyUnder(dataDir.resolve("keys"), file -> !file.getFileName().toString().endsWith(".tmp"));
            PrivateFiles.requireOwnerOnlyUnder(dataDir.resolve("ledger").resolve("identities"), PrivateFiles::isKeyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the permissions of the key files in " + dataDir, e);
        }
    }

    public static GatewaySecrets loadOrCreate(final Path pepperFile, final Path storeKeyFile) {
        final byte[] pepper = loadOrCreate(pepperFile);
        final byte[] kek = loadOrCreate(storeKeyFile);
        return new GatewaySecrets(pepper, new KeyEncryptionKey("kek-" + HexFormat.of().formatHex(kek, 0, 4), kek));
    }

    /**
     * The pepper of one institution, derived from the gateway pepper so that the same medical record
     * number at two institutions never shares a registry row.
     */
    public byte[] institutionPepper(final String mspId) {
        return Pseudonyms.hmacSha256(pepper, ("custodia.institution-pepper.v1:" + mspId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The AES-256 key that seals pagination bookmarks ({@code http.Pages}), derived from the pepper
     * with its own label, so no further secret file is needed and the key is never the pepper itself.
     */
    public byte[] bookmarkKey() {
        return Pseudonyms.hmacSha256(pepper, "custodia.bookmark-key.v1".getBytes(StandardCharsets.UTF_8));
    }

    public KeyEncryptionKey storeKey() {
        return storeKey;
    }

    private static byte[] loadOrCreate(final Path file) {
        try {
            if (Files.exists(file)) {
                PrivateFiles.requireOwnerOnly(file);
                final byte[] key = HexFormat.of().parseHex(Files.readString(file).trim());
                if (key.length != 32) {
                    throw new IllegalStateException("secret file " + file + " must hold 32 bytes as hex");
                }
                return key;
            }
            final byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            PrivateFiles.writeAtomically(file, HexFormat.of().formatHex(key).getBytes(StandardCharsets.UTF_8));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create secret file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("secret file " + file + " is not hex", e);
        }
    }
}
