package io.custodia.gateway.crash;

import io.custodia.gateway.GatewayMain;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One gateway process, {@link GatewayMain} (through {@link CrashLoopChild}) in a child JVM started from this test's class path, on a
 * given data directory and a random port (embedded ledger, SQLite store, development tokens). It is
 * ended with SIGKILL only: no shutdown hook, no flush, nothing the real process would not face on a
 * power cut or an OOM kill.
 */
final class ChildGateway {
    /** The banner line GatewayMain prints once the HTTP server listens. */
    private static final Pattern API_LINE = Pattern.compile("\\s*API:\\s+(http://\\S+)/api/v1\\s*");
    /** Test-only jars the child does not need (and whose classes the shim's contract scan would read). */
    private static final Pattern TEST_ONLY = Pattern.compile(
            ".*(junit|assertj|byte-buddy|opentest4j|apiguardian|surefire|testcontainers|docker-java|jazzer|duct-tape|jna).*");

    private final Process process;
    private final String baseUrl;
    private final Path log;

    private ChildGateway(final Process process, final String baseUrl, final Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    /**
     * Starts a gateway on {@code dataDir} and waits until it listens.
     *
     * @param log where the child's standard output and error go (kept for a failure report)
     * @param scratch the child's temporary directory (RocksDB's native library is extracted once there)
     */
    static ChildGateway start(final Path dataDir, final Path log, final Path scratch) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-Djava.io.tmpdir=" + scratch,
                "-D" + CrashLoopChild.SCAN_PATH + "=" + contractScanPath(),
                "-cp", childClassPath(), CrashLoopChild.class.getName()));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The child must not pick up a store URL, a JWKS or a port from the environment of the build.
        builder.environment().keySet().removeIf(name -> name.startsWith("CUSTODIA_"));
        builder.environment().put("CUSTODIA_DATA_DIR", dataDir.toString());
        builder.environment().put("CUSTODIA_PORT", "0");
        // Load, not limits, is under test: four writers from one address take a token per patient.
        builder.environment().put("CUSTODIA_RATE_LIMIT", "1000000");
        builder.environment().put("CUSTODIA_RATE_LIMIT_ANONYMOUS", "1000000");
        builder.environment().put("ROCKSDB_SHAREDLIB_DIR", scratch.toString());
        final Process process = builder.start();
        final CompletableFuture<String> url = new CompletableFuture<>();
        final Thread pump = new Thread(() -> pump(process, log, url), "crash-loop-child-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new ChildGateway(process, url.get(90, TimeUnit.SECONDS), log);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("the gateway did not start (" + ended(process) + "); its output ends:\n" + tail(log, 40), e);
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    Path log() {
        return log;
    }

    /** SIGKILL (on Linux {@code destroyForcibly} is SIGKILL); returns once the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the gateway process survived SIGKILL for 30 s");
        }
        if (process.exitValue() != 128 + 9) {
            throw new IllegalStateException("the gateway ended by itself before the kill (" + ended(process) + "); its output ends:\n"
                    + tail(log, 40));
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Where the chaincode contracts, the embedded ledger's router access and the shim's own contracts live. */
    private static String contractScanPath() {
        final List<String> entries = new ArrayList<>();
        for (final Class<?> anchor : List.of(io.custodia.chaincode.dataset.DatasetContract.class,
                org.hyperledger.fabric.contract.EmbeddedRouterAccess.class, org.hyperledger.fabric.contract.ContractRouter.class)) {
            try {
                entries.add(Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The test class path without test-framework jars: the child runs the real gateway (test classes
     * stay for {@link CrashLoopChild} and the quiet test logging configuration).
     */
    private static String childClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !TEST_ONLY.matcher(entry).matches())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static void pump(final Process process, final Path log, final CompletableFuture<String> url) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                out.flush();
                final Matcher api = API_LINE.matcher(line);
                if (!url.isDone() && api.matches()) {
                    url.complete(api.group(1));
                }
            }
            url.completeExceptionally(new IOException("the gateway's output ended before it printed its URL"));
        } catch (IOException e) {
            url.completeExceptionally(e);
        }
    }

    private static String ended(final Process process) {
        return process.isAlive() ? "still running" : "exit status " + process.exitValue();
    }

    static String tail(final Path file, final int lines) {
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            final List<String> list = all.collect(Collectors.toList());
            return String.join(System.lineSeparator(), list.subList(Math.max(0, list.size() - lines), list.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
