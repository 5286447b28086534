package io.custodia.ledger.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.ledger.EmbeddedLedger;
import io.custodia.ledger.LedgerConfig;
import io.custodia.ledger.VerificationReport;
import io.custodia.ledger.identity.Identity;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashRecoveryTest {
    /** Kills per run; CI uses the default of 20. */
    private static final int KILLS = Integer.getInteger("custodia.crash.kills", 20);

    @TempDir
    Path dir;

    /** The test class path without test-framework jars: fewer classes for the shim's class-path scan at each start. */
    private static String childClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.matches(".*(junit|assertj|byte-buddy|opentest4j|apiguardian|surefire).*"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    @Test
    void every_acknowledged_transaction_survives_repeated_sigkill() throws Exception {
        final Random random = new Random(42);
        final List<String> acknowledged = new ArrayList<>();
        for (int run = 0; run < KILLS; run++) {
            final Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", childClassPath(),
                    CrashWriter.class.getName(), dir.toString(), Integer.toString(run))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            final BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            final String ready = out.readLine();
            assertThat(ready).as("child %d did not open the ledger", run).startsWith("READY");
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
        }

        try (EmbeddedLedger ledger = EmbeddedLedger.open(LedgerConfig.builder(dir).build())) {
            final Identity alice = ledger.identity("Org1MSP", "alice", Map.of("custodia.role", "institution"));
            final List<String> missing = new ArrayList<>();
            for (final String key : acknowledged) {
                try {
                    ledger.evaluate(alice, "kv:get", key);
                } catch (io.custodia.ledger.ChaincodeFailure e) {
                    missing.add(key);
                }
            }
            final VerificationReport report = ledger.verify();

            assertThat(acknowledged).hasSizeGreaterThan(KILLS);
            assertThat(missing).isEmpty();
            assertThat(report.ok()).as(report.toString()).isTrue();
        }
    }
}
