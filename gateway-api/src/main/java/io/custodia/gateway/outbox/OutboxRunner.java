package io.custodia.gateway.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.store.Outbox;
import io.custodia.gateway.store.OutboxItem;
import io.custodia.gateway.store.StoreSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
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
    /**
     * Short, and renewed by the holder's heartbeat every {@link #HEARTBEAT} while it runs: a lease
     * must not outlive its holder by long (a revoked consent's pointers stayed for the 2 minutes the
     * lease used to last). A starting gateway takes over the leases of earlier instances at once.
     */
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final int BATCH = 20;
    private static final Duration WAIT_FOR_OTHER_WORKER = Duration.ofSeconds(30);

    private final OffChainStore store;
    private final Clock clock;
    /** This runner's lease holder id: one per process (a gateway has one runner). */
    private final String instanceId = UUID.randomUUID().toString();
    private final Map<String, OutboxOperation> operations = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private ScheduledExecutorService heartbeat;

    public OutboxRunner(final OffChainStore store, final Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The id this runner's leases are held under. */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Frees the leases of every other instance, so their items are resumed now rather than when their
     * leases expire. Call at start-up when this gateway is the store's only user (the default: one
     * store per gateway), where every other holder is a process that is gone.
     *
     * @return how many items were taken over
     */
    public int takeOverLeasesOfPreviousInstances() {
        final int freed = store.outbox().releaseLeasesNotHeldBy(instanceId);
        if (freed > 0) {
            LOG.info("outbox: took over {} item(s) leased by an earlier instance", freed);
        }
        return freed;
    }

    /** Registers the steps of a kind; each kind once. */
    public void register(final OutboxOperation operation) {
        if (operations.putIfAbsent(operation.kind(), operation) != null) {
            throw new IllegalStateException("outbox kind " + operation.kind() + " is already registered");
        }
    }

    /**
     * Enqueues an operation inside the caller's store transaction, so it commits together with the
     * off-chain write that triggers it, already leased by this runner: no resume pass can claim it
     * before the inline {@link #run(Outbox.Enqueued)} after the commit. With a {@code dedupeKey}, an
     * existing item with that key is joined instead (taken over if its lease is free or expired).
     */
    public Outbox.Enqueued enqueue(final StoreSession tx, final String kind, final JsonNode payload, final String dedupeKey) {
        operation(kind);
        return tx.outbox().enqueueClaimed(kind, CanonicalJson.toString(payload), dedupeKey, instanceId, LEASE);
    }

    /** {@link #enqueue(StoreSession, String, JsonNode, String)} without a saga key; returns the item id. */
    public long enqueue(final StoreSession tx, final String kind, final JsonNode payload) {
        return enqueue(tx, kind, payload, null).item().id();
    }

    /** Enqueues an operation on its own (or joins the item with {@code dedupeKey}) and runs it to the end. */
    public ObjectNode enqueueAndRun(final String kind, final JsonNode payload, final String dedupeKey) throws LedgerException {
        return run(store.inTransaction(tx -> enqueue(tx, kind, payload, dedupeKey)));
    }

    /** Enqueues an operation on its own and runs it to the end; returns the final step state. */
    public ObjectNode enqueueAndRun(final String kind, final JsonNode payload) throws LedgerException {
        return enqueueAndRun(kind, payload, null);
    }

    /**
     * Runs what {@link #enqueue(StoreSession, String, JsonNode, String)} returned: the item it leased,
     * inline; or, for a joined item that is done, its final state; or waits for the live worker
     * holding it.
     */
    public ObjectNode run(final Outbox.Enqueued enqueued) throws LedgerException {
        if (enqueued.claimed()) {
            return execute(enqueued.item(), false);
        }
        if (enqueued.item().done()) {
            return stateOf(enqueued.item());
        }
        return awaitOther(enqueued.item().id());
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
        final Optional<OutboxItem> claimed = store.outbox().claim(id, LEASE, instanceId);
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
            final List<OutboxItem> batch = store.outbox().claim(BATCH, LEASE, instanceId);
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
        // Its own thread: a long resume pass must not starve the renewal of inline runs' leases.
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "outbox-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Extends every lease this instance holds; what dies with the process is the heartbeat. */
    void beat() {
        try {
            store.outbox().renewLeasesOf(instanceId, LEASE);
        } catch (RuntimeException e) {
            LOG.warn("outbox heartbeat failed; retrying next period ({})", e.getClass().getSimpleName());
        }
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
        heartbeat.shutdownNow();
        heartbeat = null;
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
                finish(item, done, state, operation.scrubWhenDone());
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
        if (!store.outbox().complete(item.id(), item.leaseToken(), operation.scrubWhenDone())) {
            throw new IllegalStateException("outbox item " + item.id() + " lost its lease before completing");
        }
        return state;
    }

    private void finish(final OutboxItem item, final int steps, final ObjectNode state, final boolean scrub) {
        record(item, steps, state);
        store.outbox().complete(item.id(), item.leaseToken(), scrub);
    }

    private static ObjectNode stateOf(final OutboxItem item) {
        return item.state().map(s -> (ObjectNode) parse(s)).orElseGet(JSON::createObjectNode);
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
                return stateOf(item);
            }
            final Optional<OutboxItem> claimed = store.outbox().claim(id, LEASE, instanceId);
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
