package io.custodia.sdk.cli;

import io.custodia.canonical.NoteKey;
import io.custodia.canonical.PrivateFiles;
import io.custodia.canonical.SignedNote;
import io.custodia.sdk.client.CustodiaException;
import io.custodia.sdk.witness.Witness;
import io.custodia.sdk.witness.WitnessException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code custodia witness keygen|cosign}: a transparency-log witness run from cron (docs/transparency.md).
 *
 * <pre>{@code
 * custodia witness keygen --name witness.example.org/w1 --out ~/.custodia/witness.key
 * custodia witness cosign --log-url https://gw.example.org --log-key "$LOG_VKEY" --state ~/.custodia/witness \
 *     --witness-key ~/.custodia/witness.key --token "$AUDITOR_TOKEN"     # first run: add --init
 * }</pre>
 */
@Command(name = "witness", mixinStandardHelpOptions = true, description = "Witness a gateway's transparency log: verify and cosign checkpoints.",
        subcommands = {WitnessCommand.Keygen.class, WitnessCommand.Cosign.class})
public final class WitnessCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: keygen or cosign");
    }

    /** {@code custodia witness keygen --name N --out FILE}. */
    @Command(name = "keygen", mixinStandardHelpOptions = true, description = "Create a witness (cosigner) key; prints its verifier key.")
    public static final class Keygen implements Callable<Integer> {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Witness name, e.g. witness.example.org/w1.")
        String name;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Private key file to create (0600; never overwritten).")
        Path out;

        private final CliContext ctx;

        public Keygen(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            if (Files.exists(out)) {
                throw new CliException(ExitCodes.INPUT, out + " exists; refusing to overwrite a key");
            }
            final NoteKey key;
            try {
                key = NoteKey.generate(name, NoteKey.TYPE_COSIGNATURE_V1);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
            }
            try {
                PrivateFiles.write(out, (key.privateKeyText() + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CliException(ExitCodes.INPUT, "cannot write " + out + ": " + e.getMessage(), e);
            }
            ctx.println(key.verifierKey());
            return ExitCodes.OK;
        }
    }

    /** {@code custodia witness cosign ...}. */
    @Command(name = "cosign", mixinStandardHelpOptions = true,
            description = {"Fetch the log's checkpoint, verify its signature and its consistency with the last checkpoint this"
                    + " witness accepted, and cosign it (C2SP tlog-cosignature/v1). Exit 1, cosigning nothing, when the log"
                    + " misbehaves: bad signature, smaller tree, different root, failed consistency proof."})
    public static final class Cosign implements Callable<Integer> {
        @Mixin
        GatewayOptions gateway;

        @Option(names = "--log-url", paramLabel = "URL", description = "The log's gateway (same as --url).")
        String logUrl;

        @Option(names = "--log-key", required = true, paramLabel = "VKEY", description = "The log's verifier key name+hash+key, obtained out of band.")
        String logKey;

        @Option(names = "--state", required = true, paramLabel = "DIR", description = "Witness state directory (last accepted checkpoint).")
        Path state;

        @Option(names = "--witness-key", required = true, paramLabel = "FILE", description = "Witness private key (custodia witness keygen).")
        Path witnessKey;

        @Option(names = "--init", description = "First run: create the state (trust the log's current checkpoint).")
        boolean init;

        @Option(names = "--no-submit", description = "Do not send the cosignature to the gateway.")
        boolean noSubmit;

        @Option(names = "--out", paramLabel = "FILE", description = "Also write the cosigned checkpoint to this file.")
        Path out;

        private final CliContext ctx;

        public Cosign(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws CustodiaException {
            if (logUrl != null) {
                gateway.url = logUrl;
            }
            final NoteKey log;
            try {
                log = NoteKey.parseVerifierKey(logKey);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "--log-key: " + e.getMessage(), e);
            }
            final var client = gateway.client(ctx);
            final SignedNote cosigned;
            try {
                cosigned = Witness.open(state, log, readKey(witnessKey), init, Clock.systemUTC()).cosign(client.log());
            } catch (WitnessException e) {
                if (e.isEvidence()) {
                    ctx.println("REFUSED: " + e.getMessage());
                    return ExitCodes.MISMATCH;
                }
                throw new CliException(ExitCodes.INPUT, e.getMessage(), e);
            }
            if (out != null) {
                try {
                    PrivateFiles.write(out, cosigned.toString().getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new CliException(ExitCodes.INPUT, "cannot write " + out + ": " + e.getMessage(), e);
                }
            }
            if (!noSubmit) {
                client.log().submitCosigned(cosigned.toString());
            }
            ctx.out().print(cosigned);
            return ExitCodes.OK;
        }

        private static NoteKey readKey(final Path file) {
            try {
                final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    throw new CliException(ExitCodes.INPUT, "witness key " + file + " is readable by others; chmod 600 it");
                }
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: nothing to check.
            } catch (IOException e) {
                throw new CliException(ExitCodes.INPUT, "cannot read witness key " + file + ": " + e.getMessage(), e);
            }
            try {
                return NoteKey.parsePrivateKey(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CliException(ExitCodes.INPUT, "cannot read witness key " + file + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.INPUT, "witness key " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
