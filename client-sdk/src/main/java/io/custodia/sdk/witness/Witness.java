package io.custodia.sdk.witness;

import io.custodia.canonical.Checkpoint;
import io.custodia.canonical.MerkleProofs;
import io.custodia.canonical.NoteKey;
import io.custodia.canonical.PrivateFiles;
import io.custodia.canonical.SignedNote;
import io.custodia.sdk.client.CustodiaException;
import io.custodia.sdk.client.TransparencyLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A witness of one log (C2SP tlog-witness semantics, run as a CLI): it cosigns a checkpoint only if
 * the log signed it and it is consistent with the last checkpoint this witness accepted, which it
 * keeps in its state directory. It never cosigns a smaller tree after a larger one, nor two different
 * roots for one size, across restarts too: the new state is written (atomically) before the
 * cosignature is handed out.
 *
 * <pre>{@code
 * Witness witness = Witness.open(stateDir, logKey, witnessKey, false, Clock.systemUTC());
 * SignedNote cosigned = witness.cosign(client.log());
 * }</pre>
 */
public final class Witness {
    private static final String STATE_HEADER = "custodia-witness-state/v1";

    private final Path stateDir;
    private final NoteKey logKey;
    private final NoteKey witnessKey;
    private final Clock clock;
    private final boolean init;

    private Witness(final Path stateDir, final NoteKey logKey, final NoteKey witnessKey, final boolean init, final Clock clock) {
        this.stateDir = stateDir;
        this.logKey = logKey;
        this.witnessKey = witnessKey;
        this.init = init;
        this.clock = clock;
    }

    /**
     * A witness over {@code stateDir}. Without {@code init} the state must exist (a witness that lost its
     * state could be walked into cosigning a fork); with it, the state must not exist yet.
     */
    public static Witness open(final Path stateDir, final NoteKey logKey, final NoteKey witnessKey, final boolean init,
            final Clock clock) throws WitnessException {
        Objects.requireNonNull(stateDir, "stateDir");
        if (logKey.type() != NoteKey.TYPE_ED25519 || logKey.canSign()) {
            throw new WitnessException("the log key must be the log's verifier key (name+hash+key of type 0x01)", false);
        }
        if (witnessKey.type() != NoteKey.TYPE_COSIGNATURE_V1 || !witnessKey.canSign()) {
            throw new WitnessException("the witness key must be a cosigner private key (type 0x04)", false);
        }
        final boolean exists = Files.exists(stateFile(stateDir));
        if (!exists && !init) {
            throw new WitnessException("no witness state in " + stateDir + ": run once with --init to start witnessing this log", false);
        }
        if (exists && init) {
            throw new WitnessException("--init given but " + stateDir + " already holds witness state; refusing to forget it", false);
        }
        if (init) {
            try {
                Files.createDirectories(stateDir);
            } catch (IOException e) {
                throw new WitnessException("cannot create " + stateDir + ": " + e.getMessage(), false, e);
            }
        }
        return new Witness(stateDir, logKey, witnessKey, init, clock);
    }

    /** The last checkpoint this witness accepted, if any. */
    public Optional<Checkpoint> accepted() throws WitnessException {
        final Path file = stateFile(stateDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            final String text = Files.readString(file, StandardCharsets.UTF_8);
            final String[] lines = text.split("\n", 3);
            if (lines.length != 3 || !STATE_HEADER.equals(lines[0])) {
                throw new WitnessException("witness state " + file + " is not a " + STATE_HEADER + " file", false);
            }
            if (!lines[1].equals(logKey.verifierKey())) {
                throw new WitnessException("witness state " + file + " belongs to log key " + lines[1] + ", not " + logKey.verifierKey(), false);
            }
            return Optional.of(Checkpoint.parse(lines[2]));
        } catch (IOException e) {
            throw new WitnessException("cannot read witness state " + file + ": " + e.getMessage(), false, e);
        } catch (IllegalArgumentException e) {
            throw new WitnessException("witness state " + file + " is damaged: " + e.getMessage(), false, e);
        }
    }

    /**
     * Fetches the log's checkpoint, checks it and cosigns it. Returns the checkpoint with this witness's
     * cosignature added.
     */
    public SignedNote cosign(final TransparencyLog log) throws WitnessException {
        try (FileChannel lockFile = FileChannel.open(stateDir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new WitnessException("another witness run holds " + stateDir.resolve("lock"), false);
            }
            return cosignLocked(log);
        } catch (IOException e) {
            throw new WitnessException("cannot lock " + stateDir + ": " + e.getMessage(), false, e);
        }
    }

    private SignedNote cosignLocked(final TransparencyLog log) throws WitnessException {
        final Optional<Checkpoint> last = accepted();
        if (last.isEmpty() && !init) {
            throw new WitnessException("witness state vanished from " + stateDir, false);
        }
        final SignedNote note;
        final Checkpoint latest;
        try {
            note = SignedNote.parse(log.checkpoint());
            latest = Checkpoint.parse(note.text());
        } catch (IllegalArgumentException e) {
            throw new WitnessException("the log's checkpoint is malformed: " + e.getMessage(), true, e);
        } catch (CustodiaException e) {
            throw new WitnessException("cannot fetch the checkpoint: " + e.getMessage(), false, e);
        }
        if (!note.verifiedBy(logKey)) {
            throw new WitnessException("the checkpoint is not signed by log key " + logKey.verifierKey(), true);
        }
        if (!latest.origin().equals(logKey.name())) {
            throw new WitnessException("checkpoint origin " + latest.origin() + " is not the log key's name " + logKey.name(), true);
        }
        if (last.isPresent()) {
            checkConsistent(log, last.get(), latest);
        }
        save(latest);
        return note.with(note.cosignature(witnessKey, clock.instant().getEpochSecond()));
    }

    private static void checkConsistent(final TransparencyLog log, final Checkpoint last, final Checkpoint latest)
            throws WitnessException {
        if (latest.size() < last.size()) {
            throw new WitnessException("the log shows " + latest.size() + " leaves after this witness accepted " + last.size()
                    + ": a smaller tree (history removed)", true);
        }
        if (latest.size() == last.size()) {
            if (!Arrays.equals(latest.rootHash(), last.rootHash())) {
                throw new WitnessException("the log shows a different root for size " + last.size() + " than the one accepted", true);
            }
            return;
        }
        final List<byte[]> proof;
        try {
            proof = log.consistencyProof(last.size(), latest.size());
        } catch (CustodiaException e) {
            throw new WitnessException("cannot fetch the consistency proof " + last.size() + " -> " + latest.size() + ": "
                    + e.getMessage(), false, e);
        }
        if (!MerkleProofs.verifyConsistency(last.size(), latest.size(), last.rootHash(), latest.rootHash(), proof)) {
            throw new WitnessException("the tree of " + latest.size() + " leaves is not consistent with the accepted tree of "
                    + last.size() + " leaves: the log's history changed", true);
        }
    }

    private void save(final Checkpoint accepted) throws WitnessException {
        try {
            PrivateFiles.write(stateFile(stateDir), (STATE_HEADER + "\n" + logKey.verifierKey() + "\n" + accepted.text())
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new WitnessException("cannot write witness state: " + e.getMessage(), false, e);
        }
    }

    private static Path stateFile(final Path stateDir) {
        return stateDir.resolve("checkpoint");
    }
}
