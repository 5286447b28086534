package io.custodia.gateway.transparency;

import io.custodia.canonical.NoteKey;
import io.custodia.canonical.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The log's Ed25519 signing key, kept apart from the ledger's node key in the data dir's
 * {@code keys/log-ed25519.key} (0600, Go note {@code PRIVATE+KEY+...} text), and the witnesses whose
 * cosignatures the gateway keeps ({@code transparency/witnesses}: one verifier key a line).
 */
public final class LogKeys {
    /** The origin line of this gateway's checkpoints, and the log key's name. */
    public static final String DEFAULT_ORIGIN = "custodia.local/log";

    private LogKeys() {}

    /** Loads the key in {@code file}, creating one named {@code origin} on first use. */
    public static NoteKey loadOrCreate(final Path file, final String origin) {
        try {
            if (Files.exists(file)) {
                return NoteKey.parsePrivateKey(Files.readString(file, StandardCharsets.UTF_8));
            }
            final NoteKey key = NoteKey.generate(origin, NoteKey.TYPE_ED25519);
            PrivateFiles.write(file, (key.privateKeyText() + "\n").getBytes(StandardCharsets.UTF_8));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the log key " + file, e);
        }
    }

    /** The trusted witnesses listed in {@code file} (none if it does not exist). */
    public static List<NoteKey> witnesses(final Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            final List<NoteKey> keys = new ArrayList<>();
            for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    final NoteKey key = NoteKey.parseVerifierKey(line);
                    if (key.type() != NoteKey.TYPE_COSIGNATURE_V1) {
                        throw new IllegalStateException("witness key " + key.name() + " in " + file + " is not a cosigner key (type 0x04)");
                    }
                    keys.add(key);
                }
            }
            return List.copyOf(keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
