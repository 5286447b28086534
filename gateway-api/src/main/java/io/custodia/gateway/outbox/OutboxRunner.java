package io.custodia.gateway.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.store.OutboxItem;
import io.custodia.gateway.store.StoreSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes {@link OutboxOperation}s stored in the off-chain store's outbox, step by step, recording
 * progress after each step under a lease so that a crash resumes at the interrupted step.
 *
 * <pre>{@code
 * OutboxRunner runner = new OutboxRunner(store, Clock.systemUTC());
 * runner.register(new OutboxOperation("revoke-consent", steps));
 * JsonNode state = runner.enqueueAndRun("revoke-consent", payload);   // inline, in the request
 * runner.startResuming(Duration.ofSeconds(5));                         // finishes interrupted items
 * }</pre>
 *
 * <p>Failure model: a step that throws {@link OutboxStepFailure} ends its operation (recorded as
 * failed, item completed, cause rethrown to the inline caller); any other exception is transient:
 * the item is released with exponential back-off and {@link #resumePending()} retries it from the
 * failed step. Logs carry item ids, kinds and step numbers only — never payloads.
 */
public final class OutboxRunner implements AutoCloseable {
    /** Completed items are kept this long for diagnosis, then purged (their payloads hold pseudonyms). */
    public static final Duration RETAIN_COMPLETED = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final int BATCH = 20;
    private static final Duration WAIT_FOR_OTHER_WORKER = Duration.ofSeconds(30);

    private final OffChainStore store;
    private final Clock clock;
    private final Map<String, OutboxOperation> operations = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    public OutboxRunner(final OffChainStore store, final Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Registers the steps of a kind; each kind once. */
    public void register(final OutboxOperation operation) {
        if (operations.putIfAbsent(operation.kind(), operation) != null) {
            throw new IllegalStateException("outbox kind " + operation.kind() + " is already registered");
        }
    }

    /**
     * Enqueues an operation inside the caller's store transaction, so it commits together with the
     * off-chain write that triggers it; run it with {@link #run(long)} after the transaction committed.
     */
    public long enqueue(final StoreSession tx, final String kind, final JsonNode payload) {
        operation(kind);
        return tx.outbox().enqueue(kind, CanonicalJson.toString(payload));
    }

    /** Enqueues an operation on its own and runs it to the end; returns the final step state. */
    public ObjectNode enqueueAndRun(final String kind, final JsonNode payload) throws LedgerException {
        final long id = store.outbox().enqueue(operation(kind).kind(), CanonicalJson.toString(payload));
        return run(id);
    }

    /**
     * Runs an enqueued item to the end, inline. If another worker holds its lease (a resume pass
     * picked it up first), waits for that worker to finish instead.
     *
     * @return the final step state
     * @throws LedgerException a transient ledger failure (the item stays pending and is retried) or
     *     the ledger's refusal reported by an {@link OutboxStepFailure}
     */
    public ObjectNode run(final long id) throws LedgerException {
        final Optional<OutboxItem> claimed = store.outbox().claim(id, LEASE);
        if (claimed.isEmpty()) {
            return awaitOther(id);
        }
        return execute(claimed.get(), false);
    }

    /**
     * Claims and runs every pending item whose lease is free (interrupted by a crash, or released
     * after a transient failure), oldest first; failures are logged and left for the next pass.
     *
     * @return how many items completed in this pass
     */
    public int resumePending() {
        int completed = 0;
        while (true) {
            final List<OutboxItem> batch = store.outbox().claim(BATCH, LEASE);
            for (final OutboxItem item : batch) {
                try {
                    execute(item, true);
                    completed++;
                } catch (LedgerException | OutboxStepFailure e) {
                    LOG.warn("outbox item {} ({}) did not complete on resume: {}", item.id(), item.kind(),
                            e.getClass().getSimpleName());
                } catch (RuntimeException e) {
                    LOG.warn("outbox item {} ({}) failed on resume", item.id(), item.kind(), e);
                }
            }
            if (batch.size() < BATCH) {
                return completed;
            }
        }
    }

    /** Deletes completed items older than {@link #RETAIN_COMPLETED}. */
    public int purgeCompleted() {
        return store.outbox().purgeCompletedBefore(clock.instant().minus(RETAIN_COMPLETED));
    }

    /**
     * Starts ONE scheduler thread that resumes pending items and purges old completed ones every
     * {@code period}, the first pass at once (items interrupted by the previous process).
     */
    public synchronized void startResuming(final Duration period) {
        if (scheduler != null) {
            throw new IllegalStateException("already resuming");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "outbox-resume");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::pass, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        // A scheduled task that throws is never run again: keep every failure inside the pass.
        try {
            final int done = resumePending();
            if (done > 0) {
                LOG.info("outbox: resumed and completed {} item(s)", done);
            }
            purgeCompleted();
        } catch (RuntimeException e) {
            LOG.warn("outbox pass failed; retrying next period", e);
        }
    }

    /** Stops the scheduler, waiting for a running pass to finish its current step. */
    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    private ObjectNode execute(final OutboxItem item, final boolean resumed) throws LedgerException {
        final OutboxOperation operation = operation(item.kind());
        final JsonNode payload = parse(item.payload());
        final ObjectNode state = item.state().map(s -> (ObjectNode) parse(s)).orElseGet(JSON::createObjectNode);
        final List<OutboxStep> steps = operation.steps();
        for (int index = item.completedSteps(); index < steps.size(); index++) {
            final int done = index + 1;
            final Context step = new Context(item, payload, state, resumed, done);
            try {
                store.outbox().renewLease(item.id(), item.leaseToken(), LEASE);
                steps.get(index).run(step);
            } catch (OutboxStepFailure failure) {
                state.put("failed", failure.reason().getClass().getSimpleName());
                state.put("failedStep", done);
                finish(item, done, state);
                LOG.info("outbox item {} ({}) ended at step {}: refused", item.id(), item.kind(), done);
                throw failure;
            } catch (LedgerException | RuntimeException e) {
                final Duration backoff = backoff(item.attempts());
                store.outbox().release(item.id(), item.leaseToken(), clock.instant().plus(backoff));
                LOG.info("outbox item {} ({}) step {} failed transiently ({}); retry in {}", item.id(), item.kind(),
                        done, e.getClass().getSimpleName(), backoff);
                throw e;
            }
            if (!step.recorded) {
                record(item, done, state);
            }
        }
        if (!store.outbox().complete(item.id(), item.leaseToken())) {
            throw new IllegalStateException("outbox item " + item.id() + " lost its lease before completing");
        }
        return state;
    }

    private void finish(final OutboxItem item, final int steps, final ObjectNode state) {
        record(item, steps, state);
        store.outbox().complete(item.id(), item.leaseToken());
    }

    private void record(final OutboxItem item, final int steps, final ObjectNode state) {
        if (!store.outbox().recordStep(item.id(), item.leaseToken(), steps, CanonicalJson.toString(state))) {
            throw new IllegalStateException("outbox item " + item.id() + " lost its lease at step " + steps);
        }
    }

    private ObjectNode awaitOther(final long id) throws LedgerException {
        final Instant deadline = clock.instant().plus(WAIT_FOR_OTHER_WORKER);
        while (clock.instant().isBefore(deadline)) {
            final OutboxItem item = store.outbox().find(id)
                    .orElseThrow(() -> new IllegalStateException("outbox item " + id + " does not exist"));
            if (item.done()) {
                return item.state().map(s -> (ObjectNode) parse(s)).orElseGet(JSON::createObjectNode);
            }
            final Optional<OutboxItem> claimed = store.outbox().claim(id, LEASE);
            if (claimed.isPresent()) {
                return execute(claimed.get(), false);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new LedgerException.Unavailable("outbox item " + id + " is still being processed by another worker", null);
    }

    private static Duration backoff(final int attempts) {
        final long seconds = 1L << Math.min(Math.max(attempts - 1, 0), 8);
        final Duration d = Duration.ofSeconds(seconds);
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private OutboxOperation operation(final String kind) {
        final OutboxOperation operation = operations.get(kind);
        if (operation == null) {
            throw new IllegalStateException("no outbox operation registered for kind " + kind);
        }
        return operation;
    }

    private static JsonNode parse(final String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox item holds invalid JSON", e);
        }
    }

    /** The context of one step run; remembers whether the step recorded its own progress. */
    private final class Context implements StepContext {
        private final OutboxItem item;
        private final JsonNode payload;
        private final ObjectNode state;
        private final boolean resumed;
        private final int completedSteps;
        private boolean recorded;

        Context(final OutboxItem item, final JsonNode payload, final ObjectNode state, final boolean resumed,
                final int completedSteps) {
            this.item = item;
            this.payload = payload;
            this.state = state;
            this.resumed = resumed;
            this.completedSteps = completedSteps;
        }

        @Override
        public JsonNode payload() {
            return payload;
        }

        @Override
        public ObjectNode state() {
            return state;
        }

        @Override
        public boolean resumed() {
            return resumed;
        }

        @Override
        public <T> T commitWithProgress(final Function<StoreSession, T> work) {
            final T result = store.inTransaction(tx -> {
                final T value = work.apply(tx);
                if (!tx.outbox().recordStep(item.id(), item.leaseToken(), completedSteps, CanonicalJson.toString(state))) {
                    // Rolls the work back: the worker that retook the lease will do it.
                    throw new IllegalStateException("outbox item " + item.id() + " lost its lease at step " + completedSteps);
                }
                return value;
            });
            recorded = true;
            return result;
        }
    }
}
