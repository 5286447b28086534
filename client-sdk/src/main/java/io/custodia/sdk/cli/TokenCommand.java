package io.custodia.sdk.cli;

import io.custodia.sdk.client.CustodiaException;
import io.custodia.sdk.client.DevToken;
import io.custodia.sdk.client.DevTokenRequest;
import io.custodia.sdk.client.Role;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code custodia token}: a development token from a gateway in embedded mode ({@code POST /dev/tokens}).
 *
 * <pre>{@code
 * export CUSTODIA_TOKEN=$(custodia token --role institution --institution Org1MSP --subject alice)
 * }</pre>
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Get a development token (embedded development mode only). Prints the token alone, for export CUSTODIA_TOKEN=$(...).")
public final class TokenCommand implements Callable<Integer> {
    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "institution, auditor, patient or proxy.")
    String role;

    @Option(names = "--institution", required = true, paramLabel = "MSP", description = "Institution MSP ID, e.g. Org1MSP.")
    String institution;

    @Option(names = "--subject", required = true, paramLabel = "ID", description = "Caller identifier (a patient's identifier for patients).")
    String subject;

    @Option(names = "--ttl", paramLabel = "SECONDS", description = "Lifetime in seconds (gateway default 3600).")
    Long ttl;

    @Mixin
    GatewayOptions gateway;

    private final CliContext ctx;

    public TokenCommand(final CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CustodiaException {
        final Role parsed;
        try {
            parsed = Role.fromClaim(role);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--role must be institution, auditor, patient or proxy, got " + role, e);
        }
        final DevToken token = gateway.anonymousClient(ctx).devToken(new DevTokenRequest(parsed, institution, subject, Optional.ofNullable(ttl)));
        if (gateway.json) {
            ctx.printJson(token);
        } else {
            ctx.println(token.token());
        }
        return ExitCodes.OK;
    }
}
