package io.custodia.sdk.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process with captured output, a given environment and home directory. */
record CliRun(int exitCode, String out, String err) {
    static CliRun run(final Map<String, String> env, final Path home, final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = CustodiaCli.run(new CliContext(new PrintWriter(out), new PrintWriter(err), env, home, false), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
