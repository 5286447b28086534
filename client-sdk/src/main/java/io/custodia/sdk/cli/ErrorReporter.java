package io.custodia.sdk.cli;

import io.custodia.sdk.client.CustodiaApiException;
import io.custodia.sdk.client.CustodiaConnectionException;
import io.custodia.sdk.client.CustodiaProtocolException;
import io.custodia.sdk.client.FieldError;
import io.custodia.sdk.commitments.MappingFormatException;
import io.custodia.sdk.commitments.SaltUnavailableException;
import io.custodia.sdk.custody.KeyMaterialException;
import io.custodia.sdk.hashing.DatasetHashingException;
import io.custodia.sdk.manifest.ManifestFormatException;
import io.custodia.sdk.verify.CustodyRecordException;
import java.io.IOException;
import picocli.CommandLine;

/**
 * Turns any exception a command throws into one clear message on stderr and an {@link ExitCodes exit
 * code}. The one place where failures become exit codes.
 *
 * <pre>{@code
 * commandLine.setExecutionExceptionHandler(new ErrorReporter(ctx));
 * }</pre>
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    private final CliContext ctx;

    ErrorReporter(final CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public int handleExecutionException(final Exception e, final CommandLine command, final CommandLine.ParseResult parsed) {
        final int code = exitCode(e);
        ctx.note(command.getCommandSpec().qualifiedName() + ": " + message(e));
        if (code == ExitCodes.INTERNAL) {
            e.printStackTrace(ctx.err());
            ctx.err().flush();
        }
        return code;
    }

    static int exitCode(final Throwable e) {
        if (e instanceof CliException cli) {
            return cli.exitCode();
        }
        if (e instanceof CustodiaApiException api) {
            return api.status() >= 500 ? ExitCodes.UNAVAILABLE : ExitCodes.REJECTED;
        }
        if (e instanceof CustodiaConnectionException || e instanceof CustodiaProtocolException) {
            return ExitCodes.UNAVAILABLE;
        }
        if (e instanceof DatasetHashingException || e instanceof MappingFormatException || e instanceof ManifestFormatException
                || e instanceof KeyMaterialException || e instanceof IOException || e instanceof SaltUnavailableException) {
            return ExitCodes.INPUT;
        }
        if (e instanceof CustodyRecordException) {
            return ExitCodes.MISMATCH;
        }
        return ExitCodes.INTERNAL;
    }

    static String message(final Throwable e) {
        if (e instanceof CustodiaApiException api) {
            final StringBuilder text = new StringBuilder("the gateway answered HTTP ").append(api.status()).append(' ')
                    .append(api.problem().title());
            if (!api.problem().detail().isEmpty() && !api.problem().detail().equals(api.problem().title())) {
                text.append(": ").append(api.problem().detail());
            }
            for (final FieldError field : api.problem().errors()) {
                text.append("\n  ").append(field.field()).append(": ").append(field.message());
            }
            api.transactionId().ifPresent(tx -> text.append("\n  transaction ").append(tx));
            if (api.status() == 401) {
                text.append("\n  (get a token with: custodia token --role ... --institution ... --subject ...)");
            }
            return text.toString();
        }
        if (e instanceof CustodiaConnectionException) {
            return "gateway unavailable: " + e.getMessage();
        }
        final String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
