package io.custodia.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.store.ConsentDocument;
import io.custodia.gateway.store.KeyEncryptionKey;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.store.OutboxItem;
import io.custodia.gateway.store.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner over a real SQLite store: order, progress, transient and permanent failures, atomic progress, purge, scheduling. */
class OutboxRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBJECT = "ab".repeat(32);

    @TempDir
    Path dir;
    private OffChainStore store;
    private OutboxRunner runner;
    private final List<String> trace = new ArrayList<>();

    @BeforeEach
    void open() {
        final byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        store = OffChainStore.open(StoreConfig.sqlite(dir, new KeyEncryptionKey("test-kek", key)));
        runner = new OutboxRunner(store, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        runner.close();
        store.close();
    }

    private OutboxStep recording(final String name) {
        return step -> {
            trace.add(name);
            step.state().put(name, true);
        };
    }

    private static JsonNode payload() {
        return JSON.createObjectNode().put("id", "x-1");
    }

    private int resumeUntilSomethingCompletes() throws InterruptedException {
        final Instant deadline = Instant.now().plusSeconds(10);
        int completed = 0;
        while (completed == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            completed = runner.resumePending();
        }
        return completed;
    }

    @Test
    void runs_the_steps_in_order_and_returns_their_state() throws Exception {
        runner.register(new OutboxOperation("k", List.of(recording("a"), recording("b"), recording("c"))));

        final ObjectNode state = runner.enqueueAndRun("k", payload());

        assertThat(trace).containsExactly("a", "b", "c");
        assertThat(state.path("a").asBoolean() && state.path("b").asBoolean() && state.path("c").asBoolean()).isTrue();
    }

    @Test
    void a_transient_failure_leaves_the_item_pending_and_resume_continues_at_the_failed_step() throws Exception {
        final AtomicInteger attempts = new AtomicInteger();
        runner.register(new OutboxOperation("k", List.of(recording("a"), step -> {
            trace.add("b");
            if (attempts.incrementAndGet() == 1) {
                throw new LedgerException.Unavailable("ledger down", null);
            }
        })));
        final long id = store.outbox().enqueue("k", "{}");

        assertThatThrownBy(() -> runner.run(id)).isInstanceOf(LedgerException.Unavailable.class);
        final OutboxItem pending = store.outbox().find(id).orElseThrow();
        final int completed = resumeUntilSomethingCompletes();

        assertThat(pending.done()).isFalse();
        assertThat(pending.completedSteps()).isEqualTo(1);
        assertThat(completed).isEqualTo(1);
        assertThat(trace).containsExactly("a", "b", "b");
        assertThat(store.outbox().find(id).orElseThrow().done()).isTrue();
    }

    @Test
    void a_permanent_failure_completes_the_item_and_reports_its_reason() {
        final LedgerException.Rejected refused = new LedgerException.Rejected("DELEGATION_INVALID", "no");
        runner.register(new OutboxOperation("k", List.of(step -> {
            throw new OutboxStepFailure(refused);
        }, recording("never"))));
        final long id = store.outbox().enqueue("k", "{}");

        assertThatThrownBy(() -> runner.run(id)).isInstanceOfSatisfying(OutboxStepFailure.class,
                f -> assertThat(f.reason()).isSameAs(refused));
        final OutboxItem item = store.outbox().find(id).orElseThrow();

        assertThat(item.done()).isTrue();
        assertThat(item.stepState()).contains("\"failed\":\"Rejected\"");
        assertThat(trace).isEmpty();
        assertThat(runner.resumePending()).isZero();
    }

    @Test
    void work_committed_with_progress_is_rolled_back_with_it_when_the_step_fails_inside() {
        runner.register(new OutboxOperation("k", List.of(step -> step.commitWithProgress(tx -> {
            tx.consents().put(new ConsentDocument("c-1", SUBJECT, "doc".getBytes(StandardCharsets.UTF_8)));
            throw new IllegalStateException("failure after the write, inside the transaction");
        }))));
        final long id = store.outbox().enqueue("k", "{}");

        assertThatThrownBy(() -> runner.run(id)).isInstanceOf(IllegalStateException.class);

        assertThat(store.consents().find("c-1")).isEmpty();
        assertThat(store.outbox().find(id).orElseThrow().completedSteps()).isZero();
    }

    @Test
    void work_committed_with_progress_is_not_repeated_on_resume() throws Exception {
        final AtomicInteger second = new AtomicInteger();
        runner.register(new OutboxOperation("k", List.of(step -> step.commitWithProgress(tx -> {
            trace.add("write");
            return tx.consents().put(new ConsentDocument("c-2", SUBJECT, "doc".getBytes(StandardCharsets.UTF_8)));
        }), step -> {
            if (second.incrementAndGet() == 1) {
                throw new IllegalStateException("crash after the committed step");
            }
        })));
        final long id = store.outbox().enqueue("k", "{}");
        assertThatThrownBy(() -> runner.run(id)).isInstanceOf(IllegalStateException.class);

        final int completed = resumeUntilSomethingCompletes();

        assertThat(completed).isEqualTo(1);
        assertThat(trace).containsExactly("write");
        assertThat(store.consents().find("c-2")).isPresent();
    }

    @Test
    void an_item_is_claimed_by_id_at_most_once_while_its_lease_holds() {
        final long id = store.outbox().enqueue("k", "{}");

        final var first = store.outbox().claim(id, Duration.ofMinutes(1));
        final var second = store.outbox().claim(id, Duration.ofMinutes(1));
        final var batch = store.outbox().claim(10, Duration.ofMinutes(1));

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        assertThat(batch).isEmpty();
        assertThat(store.outbox().complete(id, first.get().leaseToken())).isTrue();
        assertThat(store.outbox().claim(id, Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void an_unregistered_kind_is_refused_before_anything_is_enqueued() {
        assertThatThrownBy(() -> runner.enqueueAndRun("nobody-knows", payload())).isInstanceOf(IllegalStateException.class);
        assertThat(store.outbox().claim(10, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void a_kind_is_registered_once() {
        runner.register(new OutboxOperation("k", List.of(recording("a"))));

        assertThatThrownBy(() -> runner.register(new OutboxOperation("k", List.of(recording("b")))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void completed_items_are_purged_after_a_day() throws Exception {
        runner.register(new OutboxOperation("k", List.of(recording("a"))));
        runner.enqueueAndRun("k", payload());
        final OutboxRunner aDayLater = new OutboxRunner(store, Clock.fixed(Instant.now().plus(Duration.ofHours(25)), ZoneOffset.UTC));

        final int purgedNow = runner.purgeCompleted();
        final int purgedLater = aDayLater.purgeCompleted();

        assertThat(purgedNow).isZero();
        assertThat(purgedLater).isEqualTo(1);
    }

    @Test
    void the_scheduler_finishes_pending_items_by_itself_and_stops_on_close() throws Exception {
        runner.register(new OutboxOperation("k", List.of(recording("a"))));
        final long id = store.outbox().enqueue("k", "{}");

        runner.startResuming(Duration.ofMillis(100));
        final Instant deadline = Instant.now().plusSeconds(10);
        while (!store.outbox().find(id).orElseThrow().done() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        runner.close();
        final long later = store.outbox().enqueue("k", "{}");
        Thread.sleep(400);

        assertThat(store.outbox().find(id).orElseThrow().done()).isTrue();
        assertThat(store.outbox().find(later).orElseThrow().done()).isFalse();
    }
}
