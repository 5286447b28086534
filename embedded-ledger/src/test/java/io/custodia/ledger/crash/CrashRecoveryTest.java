package io.custodia.ledger.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.ledger.ChaincodeFailure;
import io.custodia.ledger.EmbeddedLedger;
import io.custodia.ledger.LedgerConfig;
import io.custodia.ledger.VerificationReport;
import io.custodia.ledger.identity.Identity;
import io.custodia.ledger.testcc.KvContract;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hyperledger.fabric.contract.ContractRouter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashRecoveryTest {
    /** Kills per run; CI uses the default of 20. */
    private static final int KILLS = Integer.getInteger("custodia.crash.kills", 20);

    @TempDir
    Path dir;

    @TempDir
    Path logs;

    /** The test class path without test-framework jars: the child needs none of them. */
    private static String childClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.matches(".*(junit|assertj|byte-buddy|opentest4j|apiguardian|surefire).*"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Where the contract, data-type and serializer classes live: the test contract's directory, the
     * ledger's classes and the shim jar (its system contract and JSON serializer). The child's router
     * scans only these; the metadata check in the test proves nothing was missed.
     */
    private static String contractScanPath() throws URISyntaxException {
        final List<String> entries = new ArrayList<>();
        for (final Class<?> anchor : List.of(KvContract.class, EmbeddedLedger.class, ContractRouter.class)) {
            entries.add(Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    @Test
    void every_acknowledged_transaction_survives_repeated_sigkill() throws Exception {
        final Random random = new Random(42);
        final List<String> acknowledged = new ArrayList<>();
        final Set<String> childMetadata = new HashSet<>();
        final String classPath = childClassPath();
        final String scanPath = contractScanPath();
        // The children's temporary files go to this test's directory, which JUnit deletes, as the
        // test JVM's own go to target/. RocksDB copies its 17 MB native library to a fresh temporary
        // file on every start and deletes it only on a clean exit, so each SIGKILLed child would
        // leave one behind; pointed at one directory, the children reuse a single copy.
        final Path nativeLibraryDir = Files.createDirectory(logs.resolve("rocksdb-native"));
        for (int run = 0; run < KILLS; run++) {
            final Path stderr = logs.resolve("child-" + run + ".err");
            final ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + logs,
                    "-D" + CrashWriter.SCAN_PATH + "=" + scanPath,
                    "-cp", classPath, CrashWriter.class.getName(), dir.toString(), Integer.toString(run))
                    .redirectError(stderr.toFile());
            builder.environment().put("ROCKSDB_SHAREDLIB_DIR", nativeLibraryDir.toString());
            final Process child = builder.start();
            final BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            final String ready = out.readLine();
            if (ready == null || !ready.startsWith("READY ")) {
                // Say how the child ended: an exit status, a signal (128 + n) or still running.
                final String ended = child.waitFor(10, TimeUnit.SECONDS) ? "exit status " + child.exitValue() : "still running";
                child.destroyForcibly();
                throw new AssertionError(String.format("child %d did not open the ledger (first line %s, %s); its stderr ends:%n%s",
                        run, ready, ended, tail(stderr)));
            }
            childMetadata.add(ready.split(" ")[2]);
            final long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100 + random.nextInt(400));
            String line;
            while (System.nanoTime() < killAt && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(line.substring(4));
                }
            }
            // SIGKILL on Linux: no shutdown hooks, no flush. ACKs still in the pipe are not counted,
            // which only makes the check weaker, never wrong.
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("child %d must die by SIGKILL under load, not exit", run).isEqualTo(128 + 9);
        }

        try (EmbeddedLedger ledger = EmbeddedLedger.open(LedgerConfig.builder(dir).build())) {
            final Identity alice = ledger.identity("Org1MSP", "alice", Map.of("custodia.role", "institution"));
            final List<String> missing = new ArrayList<>();
            for (final String key : acknowledged) {
                try {
                    ledger.evaluate(alice, "kv:get", key);
                } catch (ChaincodeFailure e) {
                    missing.add(key);
                }
            }
            final VerificationReport report = ledger.verify();
            // This JVM's router scanned its whole class path: the children's narrowed scan must have
            // registered the same contracts, transactions and types.
            final String fullScanMetadata = MetadataFingerprint.of(ledger.evaluate(alice, "org.hyperledger.fabric:GetMetadata"));

            assertThat(acknowledged).hasSizeGreaterThan(KILLS);
            assertThat(missing).isEmpty();
            assertThat(report.ok()).as(report.toString()).isTrue();
            assertThat(childMetadata).containsExactly(fullScanMetadata);
        }
    }

    private static String tail(final Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            final List<String> all = lines.collect(Collectors.toList());
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - 20), all.size()));
        }
    }
}
