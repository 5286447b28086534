package io.custodia.sdk.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code custodia}: the command line of the Custodia SDK. Exit codes: see {@link ExitCodes}.
 *
 * <pre>{@code
 * custodia hash ./study-42 --manifest-out manifest.json
 * custodia --help
 * }</pre>
 */
@Command(name = "custodia", mixinStandardHelpOptions = true, version = "custodia 0.1.0",
        description = "Hash, register and verify de-identified datasets; manage custody, consent, access and audit on a Custodia gateway.",
        subcommands = {HashCommand.class, RegisterCommand.class, VerifyCommand.class, CustodyCommand.class,
            ConsentCommand.class, AccessCommand.class, AuditCommand.class, LedgerCommand.class, TokenCommand.class,
            WitnessCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 verification mismatch, 2 usage or configuration,",
            "  3 input file or directory, 4 request refused by the gateway (4xx),",
            "  5 gateway or ledger unavailable, 70 internal error.",
            "Gateway and token: --url/--token > CUSTODIA_URL/CUSTODIA_TOKEN > --config file",
            "  (default ~/.config/custodia/config.properties, keys url and token)."})
public final class CustodiaCli implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(final String[] args) {
        final PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        final PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // System.console() is null when stdin or stdout is redirected; stderr alone cannot be asked
        // portably, so the bar also needs TERM and can be switched off with CUSTODIA_NO_PROGRESS.
        final boolean terminal = System.console() != null && System.getenv("CUSTODIA_NO_PROGRESS") == null
                && !"dumb".equals(System.getenv("TERM"));
        final CliContext ctx = new CliContext(out, err, System.getenv(), Path.of(System.getProperty("user.home")), terminal);
        final String charset = System.getProperty("sun.jnu.encoding", "UTF-8");
        final boolean lostArgument = Arrays.stream(args).anyMatch(a -> a.indexOf('\uFFFD') >= 0);
        final boolean lostDirectory = System.getProperty("user.dir", "").indexOf('\uFFFD') >= 0;
        if (!"UTF-8".equalsIgnoreCase(charset) && (lostArgument || lostDirectory)) {
            // The JVM decoded the arguments and the working directory with the locale's character set,
            // fixed at start-up, and replaced what it could not decode: the original bytes are gone.
            ctx.note("custodia: " + (lostArgument ? "an argument" : "the current directory") + " has characters the locale's"
                    + " character set (" + charset + ") cannot represent; run under a UTF-8 locale, e.g. LC_ALL=C.UTF-8"
                    + " (bin/custodia sets it when it exists)");
            System.exit(ExitCodes.USAGE);
        }
        System.exit(run(ctx, args));
    }

    /** Runs one command line; returns its exit code. */
    public static int run(final CliContext ctx, final String... args) {
        final CommandLine commandLine = new CommandLine(new CustodiaCli(), new ContextFactory(ctx));
        commandLine.setOut(ctx.out());
        commandLine.setErr(ctx.err());
        commandLine.setExecutionExceptionHandler(new ErrorReporter(ctx));
        final int code = commandLine.execute(args);
        ctx.out().flush();
        ctx.err().flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Gives commands with a {@code (CliContext)} constructor their context. */
    private static final class ContextFactory implements CommandLine.IFactory {
        private final CliContext ctx;

        ContextFactory(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public <K> K create(final Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CliContext.class).newInstance(ctx);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
