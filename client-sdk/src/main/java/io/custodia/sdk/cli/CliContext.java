package io.custodia.sdk.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command needs from its surroundings: output streams, environment, home directory and whether
 * stderr is a terminal. Passed in so tests run commands in-process with their own streams.
 *
 * <pre>{@code
 * CliContext ctx = new CliContext(out, err, System.getenv(), Path.of(System.getProperty("user.home")), false);
 * }</pre>
 *
 * @param out standard output (results)
 * @param err standard error (messages, progress)
 * @param env environment variables
 * @param home the user's home directory (for the default config file)
 * @param errIsTerminal whether to draw progress bars on {@code err}
 */
public record CliContext(PrintWriter out, PrintWriter err, Map<String, String> env, Path home, boolean errIsTerminal) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public CliContext {
        env = Map.copyOf(env);
    }

    /** The CLI's JSON mapper (pretty output; Optional and Instant support). */
    public static ObjectMapper json() {
        return JSON;
    }

    /** Prints {@code value} as JSON on stdout. */
    public void printJson(final Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.INTERNAL, "cannot write JSON output: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }

    /** Prints a line on stdout. */
    public void println(final String line) {
        out.println(line);
        out.flush();
    }

    /** Prints a message on stderr. */
    public void note(final String line) {
        err.println(line);
        err.flush();
    }
}
