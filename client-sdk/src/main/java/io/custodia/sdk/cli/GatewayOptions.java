package io.custodia.sdk.cli;

import io.custodia.sdk.client.CustodiaClient;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every gateway command shares: where the gateway is, who calls, and output format.
 *
 * <pre>{@code
 * @Mixin GatewayOptions gateway;
 * CustodiaClient client = gateway.client(ctx);
 * }</pre>
 */
public final class GatewayOptions {
    @Option(names = "--url", paramLabel = "URL", description = "Gateway base URL (else $CUSTODIA_URL, config file, " + CliConfig.DEFAULT_URL + ").")
    String url;

    @Option(names = "--token", paramLabel = "JWT", description = "Bearer token (else $CUSTODIA_TOKEN, config file).")
    String token;

    @Option(names = "--config", paramLabel = "FILE", description = "Config file with url= and token= (default ~/.config/custodia/config.properties).")
    Path config;

    @Option(names = "--json", description = "Print machine-readable JSON on stdout.")
    boolean json;

    CliConfig config(final CliContext ctx) {
        return CliConfig.resolve(Optional.ofNullable(url), Optional.ofNullable(token), Optional.ofNullable(config), ctx);
    }

    /** A client with the resolved URL and token; a token is required. */
    CustodiaClient client(final CliContext ctx) {
        final CliConfig resolved = config(ctx);
        final String jwt = resolved.token().orElseThrow(() -> new CliException(ExitCodes.USAGE,
                "no token: pass --token, set CUSTODIA_TOKEN, or put token= in the config file (development tokens: custodia token)"));
        return builder(resolved).token(jwt).build();
    }

    /** A client without token (health, development tokens). */
    CustodiaClient anonymousClient(final CliContext ctx) {
        return builder(config(ctx)).build();
    }

    private static CustodiaClient.Builder builder(final CliConfig resolved) {
        try {
            return CustodiaClient.builder().baseUrl(resolved.url().orElseThrow());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "bad gateway URL from " + resolved.urlSource() + ": " + e.getMessage(), e);
        }
    }

    /** The {@code institution} claim of the token, read without verifying it (only to fill defaults). */
    Optional<String> tokenInstitution(final CliContext ctx) {
        return config(ctx).token().flatMap(jwt -> {
            final String[] parts = jwt.split("\\.");
            if (parts.length < 2) {
                return Optional.empty();
            }
            try {
                final com.fasterxml.jackson.databind.JsonNode claims = CliContext.json().readTree(Base64.getUrlDecoder().decode(parts[1]));
                return Optional.ofNullable(claims.path("institution").textValue());
            } catch (java.io.IOException | IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
