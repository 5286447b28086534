package io.custodia.sdk.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Gateway URL and token, resolved with precedence flags &gt; environment ({@code CUSTODIA_URL},
 * {@code CUSTODIA_TOKEN}) &gt; config file ({@code --config}, else
 * {@code ~/.config/custodia/config.properties}, keys {@code url} and {@code token}).
 *
 * <pre>{@code
 * CliConfig c = CliConfig.resolve(Optional.empty(), Optional.empty(), Optional.empty(), ctx);
 * String url = c.url().orElseThrow();
 * }</pre>
 *
 * @param url gateway base URL, if any source set it
 * @param token bearer token, if any source set it
 * @param urlSource where the URL came from (for messages)
 */
public record CliConfig(Optional<String> url, Optional<String> token, String urlSource) {
    /** Default URL when nothing is configured: a local development gateway. */
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";

    public static CliConfig resolve(final Optional<String> flagUrl, final Optional<String> flagToken,
            final Optional<Path> configFile, final CliContext ctx) {
        // An empty flag is almost always a shell variable that was never set (--token "$ORG1" after
        // the command meant to fill it failed): say so rather than fall back to another source.
        if (flagToken.isPresent() && flagToken.get().isBlank()) {
            throw new CliException(ExitCodes.USAGE, "--token is empty (was the variable holding it set? get a development "
                    + "token with: custodia token --role ... --institution ... --subject ...)");
        }
        if (flagUrl.isPresent() && flagUrl.get().isBlank()) {
            throw new CliException(ExitCodes.USAGE, "--url is empty");
        }
        final Properties file = load(configFile, ctx);
        final Optional<String> envUrl = nonBlank(ctx.env().get("CUSTODIA_URL"));
        final Optional<String> envToken = nonBlank(ctx.env().get("CUSTODIA_TOKEN"));
        final Optional<String> fileUrl = nonBlank(file.getProperty("url"));
        final Optional<String> fileToken = nonBlank(file.getProperty("token"));
        final String source = flagUrl.isPresent() ? "--url" : envUrl.isPresent() ? "CUSTODIA_URL"
                : fileUrl.isPresent() ? "config file" : "default";
        final Optional<String> url = flagUrl.or(() -> envUrl).or(() -> fileUrl);
        return new CliConfig(Optional.of(url.orElse(DEFAULT_URL)), flagToken.or(() -> envToken).or(() -> fileToken), source);
    }

    private static Properties load(final Optional<Path> explicit, final CliContext ctx) {
        final Path file = explicit.orElse(ctx.home().resolve(".config/custodia/config.properties"));
        final Properties properties = new Properties();
        if (explicit.isEmpty() && !Files.exists(file)) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new CliException(ExitCodes.INPUT, "cannot read config file " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }

    private static Optional<String> nonBlank(final String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
