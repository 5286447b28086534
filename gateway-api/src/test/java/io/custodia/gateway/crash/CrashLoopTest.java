package io.custodia.gateway.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.gateway.crash.Workload.Acknowledged;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The crash loop (issue 20): a real gateway process ({@code GatewayMain} in a child JVM) under a mixed
 * write load, SIGKILLed at seeded random moments and restarted on the same data directory, {@value
 * #DEFAULT_KILLS} times by default. After each restart the writes whose answers were lost are retried
 * with the same Idempotency-Key and must converge on exactly one effect, every acknowledged write must
 * still be there, and the ledger must verify. Every violation is printed with the seed, the kill
 * number, the write and what was expected vs found; the data directory is kept when any is found.
 *
 * <p>Properties: {@code custodia.crashloop.kills} (default {@value #DEFAULT_KILLS}),
 * {@code custodia.crashloop.seed} (default: random, printed), {@code custodia.crashloop.workers}
 * (concurrent writers, default 4), {@code custodia.crashloop.maxViolations} (stop after that many,
 * default 40), {@code custodia.crashloop.erasureDeadlineSeconds} (default 150, see {@link Checks}). Tagged {@code crash-loop}; {@code mvn verify}
 * runs it (docs/testing.md).
 */
@Tag("crash-loop")
class CrashLoopTest {
    private static final int DEFAULT_KILLS = 20;
    private static final int KILLS = Integer.getInteger("custodia.crashloop.kills", DEFAULT_KILLS);
    private static final int WORKERS = Integer.getInteger("custodia.crashloop.workers", 4);
    /** Stop early once this many violations are known: the report is long enough to act on. */
    private static final int ENOUGH = Integer.getInteger("custodia.crashloop.maxViolations", 40);

    @Test
    void acknowledged_writes_survive_sigkill_and_lost_answers_converge_when_retried() throws Exception {
        final long seed = Long.getLong("custodia.crashloop.seed", new Random().nextLong());
        final Random random = new Random(seed);
        final Path root = Files.createDirectories(Path.of("target", "crash-loop", "seed-" + seed)).toAbsolutePath();
        final Path data = root.resolve("data");
        final Path scratch = Files.createDirectories(root.resolve("tmp"));
        System.out.printf("crash-loop: seed %d, %d kills, %d writers, data %s%n"
                + "  (replay: -Dcustodia.crashloop=true -Dcustodia.crashloop.seed=%d -Dcustodia.crashloop.kills=%d)%n",
                seed, KILLS, WORKERS, data, seed, KILLS);

        final Findings findings = new Findings(seed);
        final Api api = new Api();
        final Workload load = new Workload(seed, api, findings);
        final Checks checks = new Checks(api, load, findings);
        int kills = 0;
        ChildGateway child = ChildGateway.start(data, root.resolve("child-0.log"), scratch);
        try {
            api.target(child.baseUrl());
            load.setUp();
            while (kills < KILLS && findings.count() < ENOUGH) {
                final long cycleSeed = random.nextLong();
                final long killAfterMillis = 200 + random.nextInt(1800);
                runLoadThenKill(child, load, cycleSeed, killAfterMillis);
                kills++;
                findings.atKill(kills);
                final int lost = load.lostNow();
                child = ChildGateway.start(data, root.resolve("child-" + kills + ".log"), scratch);
                api.target(child.baseUrl());
                load.retryLost();
                checks.afterRestart(random);
                System.out.printf("crash-loop: kill %d after %d ms: %d answers lost and retried, %d acknowledged so far, %d violations%n",
                        kills, killAfterMillis, lost, load.acknowledged().size(), findings.count());
            }
            checks.all();
        } finally {
            if (child.alive()) {
                child.kill();
            }
        }

        final List<Violation> violations = findings.all();
        final Map<Write.Kind, Long> acknowledged = new EnumMap<>(Write.Kind.class);
        for (final Acknowledged ack : load.acknowledged()) {
            acknowledged.merge(ack.write().kind(), 1L, Long::sum);
        }
        System.out.printf("crash-loop: seed %d: %d kills, acknowledged %s, %d answers lost and retried, %d violations%n",
                seed, kills, acknowledged, load.lostTotal(), violations.size());
        if (violations.isEmpty()) {
            deleteTree(root);
        }
        assertThat(violations)
                .as("crash loop, seed %d (data kept in %s; replay with -Dcustodia.crashloop.seed=%d):%n%s", seed, root, seed,
                        violations.stream().map(Violation::toString).collect(Collectors.joining(System.lineSeparator())))
                .isEmpty();
        // The loop proves something only if it was killed with writes of every kind in flight and done.
        assertThat(kills).isEqualTo(KILLS);
        assertThat(acknowledged.keySet()).containsExactlyInAnyOrder(Write.Kind.values());
        assertThat(load.lostTotal()).as("writes whose answer a kill lost").isPositive();
    }

    /** Runs the writers for {@code millis}, then SIGKILLs the gateway with their requests in flight. */
    private static void runLoadThenKill(final ChildGateway child, final Workload load, final long cycleSeed, final long millis)
            throws InterruptedException {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            final Random random = new Random(cycleSeed + i);
            final Thread t = new Thread(() -> {
                try {
                    load.drive(random, stop);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "crash-loop-writer-" + i);
            writers.add(t);
            t.start();
        }
        Thread.sleep(millis); // the random kill moment (seeded), not an ordering
        // Writers stop starting new writes; the ones in flight meet the kill.
        stop.set(true);
        child.kill();
        for (final Thread t : writers) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a writer of the crash loop failed", failure.get());
        }
    }

    private static void deleteTree(final Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (final Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
