package io.custodia.sdk.cli;

import io.custodia.sdk.client.CustodiaException;
import io.custodia.sdk.client.LedgerStatus;
import io.custodia.sdk.client.LedgerVerification;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code custodia ledger status|verify}.
 *
 * <pre>{@code
 * custodia ledger verify --token "$AUDITOR_TOKEN"   # exit 1 when a block fails
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

    /** {@code custodia ledger verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Verify every block (auditors). Exit 1 when a block fails.")
    public static final class Verify implements Callable<Integer> {
        @Mixin
        GatewayOptions gateway;

        private final CliContext ctx;

        public Verify(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws CustodiaException {
            final LedgerVerification v = gateway.client(ctx).ledger().verify();
            if (gateway.json) {
                ctx.printJson(v);
            } else if (v.valid()) {
                ctx.println("ledger valid: " + v.blocksChecked() + " blocks, " + v.transactionsChecked() + " transactions checked");
            } else {
                ctx.println("ledger INVALID at block " + v.firstBadBlock().map(String::valueOf).orElse("?") + ": "
                        + v.reason().orElse("no reason given") + " (" + v.blocksChecked() + " blocks checked)");
            }
            return v.valid() ? ExitCodes.OK : ExitCodes.MISMATCH;
        }
    }
}
