package io.custodia.gateway.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit: the work of concurrent callers runs in one transaction with one commit, as the
 * embedded ledger does for blocks (see {@link OffChainStore#inSharedTransaction(StoreWork)}).
 *
 * <p>One thread takes whatever has queued since its last commit (up to {@code maxBatch}) and runs it
 * in a single transaction; a caller returns only after that transaction committed. There is no
 * waiting to fill a batch: a lone caller commits alone, and under load the batch is what arrived
 * during the previous commit. If the shared transaction fails, each work of the batch runs again in
 * a transaction of its own, so a failure reaches only the caller whose work failed.
 */
final class GroupCommitter implements AutoCloseable {
    /** How the committer opens a transaction: the store's own {@code inTransaction}. */
    @FunctionalInterface
    interface Transactions {
        <T> T inTransaction(StoreWork<T> work);
    }

    /** Queued by {@link #close()} so the thread sees the flag at once instead of after its poll. */
    private static final Pending<Void> WAKE_UP = new Pending<>(tx -> null);

    private final Transactions transactions;
    private final int maxBatch;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final AtomicLong commits = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    GroupCommitter(final Transactions transactions, final int maxBatch, final String threadName) {
        this.transactions = transactions;
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::commitLoop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code work} in a transaction it may share; returns its result once that committed. */
    <T> T run(final StoreWork<T> work) {
        Checks.notNull(work, "work");
        if (Thread.currentThread() == thread) {
            // The committer would wait for itself: fail loudly instead of hanging every caller.
            throw new IllegalStateException("a shared transaction cannot start another one");
        }
        final Pending<T> pending = new Pending<>(work);
        queue.add(pending);
        if (closed) {
            // close() may have drained the queue before this caller's item arrived.
            pending.fail(new StoreException("the store is closed"));
        }
        return pending.await();
    }

    /** Transactions committed so far (each holding one or more callers' work). */
    long commits() {
        return commits.get();
    }

    private void commitLoop() {
        final List<Pending<?>> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                final Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null || first == WAKE_UP) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                // commit() completes every pending item itself; this keeps the thread alive regardless.
                batch.forEach(p -> p.fail(e));
            } finally {
                batch.clear();
            }
        }
        failQueued();
    }

    private void commit(final List<Pending<?>> batch) {
        try {
            transactions.inTransaction(tx -> {
                batch.forEach(p -> p.runIn(tx));
                return null;
            });
            commits.incrementAndGet();
            batch.forEach(Pending::succeed);
        } catch (RuntimeException shared) {
            if (batch.size() == 1) {
                batch.get(0).fail(shared);
                return;
            }
            for (final Pending<?> pending : batch) {
                try {
                    transactions.inTransaction(tx -> {
                        pending.runIn(tx);
                        return null;
                    });
                    commits.incrementAndGet();
                    pending.succeed();
                } catch (RuntimeException alone) {
                    pending.fail(alone);
                }
            }
        }
    }

    private void failQueued() {
        final List<Pending<?>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.fail(new StoreException("the store is closed")));
    }

    @Override
    public void close() {
        // No interrupt: the thread may be inside a JDBC call. The wake-up ends its wait in poll.
        closed = true;
        queue.add(WAKE_UP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued();
    }

    /** One caller's work: its result is published only after the transaction that ran it committed. */
    private static final class Pending<T> {
        private final StoreWork<T> work;
        private final CompletableFuture<T> done = new CompletableFuture<>();
        private T result;

        Pending(final StoreWork<T> work) {
            this.work = work;
        }

        void runIn(final StoreSession tx) {
            result = work.run(tx);
        }

        void succeed() {
            done.complete(result);
        }

        void fail(final Throwable cause) {
            done.completeExceptionally(cause);
        }

        T await() {
            try {
                return done.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }
}
