package io.custodia.sdk.cli;

import io.custodia.sdk.client.CustodiaException;
import io.custodia.sdk.client.Ledger;
import io.custodia.sdk.client.LedgerAnchor;
import io.custodia.sdk.client.LedgerStatus;
import io.custodia.sdk.client.LedgerVerification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code custodia ledger status|verify}.
 *
 * <pre>{@code
 * custodia ledger verify --token "$AUDITOR_TOKEN"   # exit 1 when a block fails
 * custodia ledger verify --token "$AUDITOR_TOKEN" --anchor-file ~/custodia.anchor   # later runs: new signatures only
 * }</pre>
 */
@Command(name = "ledger", mixinStandardHelpOptions = true, description = "Ledger status and whole-ledger verification.",
        subcommands = {LedgerCommand.Status.class, LedgerCommand.Verify.class})
public final class LedgerCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: status or verify");
    }

    /** {@code custodia ledger status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Backend, height, head block hash (institutions, auditors).")
    public static final class Status implements Callable<Integer> {
        @Mixin
        GatewayOptions gateway;

        private final CliContext ctx;

        public Status(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws CustodiaException {
            final LedgerStatus status = gateway.client(ctx).ledger().status();
            if (gateway.json) {
                ctx.printJson(status);
            } else {
                ctx.println(status.backend() + " ledger: height " + status.height() + ", " + status.transactionCount()
                        + " transactions, head " + status.headBlockHash());
            }
            return ExitCodes.OK;
        }
    }

    /** {@code custodia ledger verify [--anchor <block>:<hash> | --anchor-file <file>]}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify every block (auditors). Exit 1 when a block fails.",
                    "With an anchor (the 'next anchor' an earlier run printed) every block is still re-hashed, but signatures are"
                            + " checked only after the anchor. --anchor-file reads the anchor from the file if it exists and,"
                            + " when the ledger is valid, writes the new head there: keep that file where the ledger's operator"
                            + " cannot write."})
    public static final class Verify implements Callable<Integer> {
        @Mixin
        GatewayOptions gateway;

        @Option(names = "--anchor", paramLabel = "<block>:<hash>", description = "Check signatures only after this block.")
        String anchor;

        @Option(names = "--anchor-file", paramLabel = "<file>", description = "Read the anchor from and save the next one to this file.")
        Path anchorFile;

        private final CliContext ctx;

        public Verify(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws CustodiaException {
            final Optional<LedgerAnchor> from = anchor();
            final Ledger ledger = gateway.client(ctx).ledger();
            final LedgerVerification v = from.isPresent() ? ledger.verify(from.get()) : ledger.verify();
            if (v.valid() && anchorFile != null) {
                save(v.head().orElseThrow(() -> new CliException(ExitCodes.INTERNAL, "the gateway reported no head block")));
            }
            if (gateway.json) {
                ctx.printJson(v);
            } else if (v.valid()) {
                ctx.println("ledger valid: " + v.blocksChecked() + " blocks, " + v.transactionsChecked() + " transactions checked; "
                        + v.signaturesFromBlock().map(b -> b == 0 ? "every signature checked" : "signatures checked from block " + b)
                                .orElse("signatures are validated by the peers")
                        + v.head().map(h -> "\nnext anchor: " + h).orElse(""));
            } else {
                ctx.println("ledger INVALID at block " + v.firstBadBlock().map(String::valueOf).orElse("?") + ": "
                        + v.reason().orElse("no reason given") + " (" + v.blocksChecked() + " blocks checked)");
            }
            return v.valid() ? ExitCodes.OK : ExitCodes.MISMATCH;
        }

        private Optional<LedgerAnchor> anchor() {
            if (anchor != null && anchorFile != null) {
                throw new CliException(ExitCodes.USAGE, "use either --anchor or --anchor-file, not both");
            }
            try {
                if (anchor != null) {
                    return Optional.of(LedgerAnchor.parse(anchor));
                }
                if (anchorFile != null && Files.exists(anchorFile)) {
                    return Optional.of(LedgerAnchor.parse(Files.readString(anchorFile, StandardCharsets.UTF_8).trim()));
                }
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.INPUT, e.getMessage(), e);
            } catch (IOException e) {
                throw new CliException(ExitCodes.INPUT, "cannot read anchor file " + anchorFile + ": " + e.getMessage(), e);
            }
            return Optional.empty();
        }

        /** Written beside the file and moved over it, so a crash never leaves a half-written anchor. */
        private void save(final LedgerAnchor head) {
            try {
                final Path parent = anchorFile.toAbsolutePath().getParent();
                final Path temporary = Files.createTempFile(parent, ".anchor", ".tmp");
                Files.writeString(temporary, head + "\n", StandardCharsets.UTF_8);
                Files.move(temporary, anchorFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new CliException(ExitCodes.INPUT, "cannot write anchor file " + anchorFile + ": " + e.getMessage(), e);
            }
        }
    }
}
