package io.custodia.ledger.commit;

import io.custodia.ledger.CommitResult;
import io.custodia.ledger.LedgerException;
import io.custodia.ledger.LedgerStorageException;
import io.custodia.ledger.ValidationCode;
import io.custodia.ledger.block.Block;
import io.custodia.ledger.block.BlockCodec;
import io.custodia.ledger.block.BlockStore;
import io.custodia.ledger.block.TransactionRecord;
import io.custodia.ledger.state.StateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: takes simulated transactions from a queue, cuts them into blocks by count or
 * time (group commit), validates, signs, appends and forces each block, applies it to the state,
 * and only then completes the callers' futures. One fsync serves every transaction in the block.
 *
 * <p>A block that cannot be written ({@link LedgerStorageException}: disk full, I/O error) fails its
 * transactions and nothing else: the committer goes on, each later block tries again, and the first
 * one written clears {@link #storageFault()}. Any other failure stops the committer for good.
 */
public final class BlockCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockCommitter.class);
    /** @param queuedAt {@link System#nanoTime()} when the transaction was queued */
    private record Pending(TransactionRecord tx, CompletableFuture<CommitResult> future, long queuedAt) {}

    private final BlockStore blocks;
    private final StateStore state;
    private final Function<byte[], byte[]> nodeSigner;
    private final LongConsumer onCommitted;
    private final int maxTransactions;
    private final long maxWaitNanos;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;
    private volatile LedgerException failure;
    private final AtomicReference<LedgerStorageException> storageFault = new AtomicReference<>();
    private byte[] previousHash;

    /**
     * @param previousHash header hash of the current last block
     * @param onCommitted told the new height after each block is durable and applied
     */
    public BlockCommitter(final BlockStore blocks, final StateStore state, final byte[] previousHash,
            final Function<byte[], byte[]> nodeSigner, final int maxTransactions, final Duration maxWait,
            final LongConsumer onCommitted) {
        this.blocks = blocks;
        this.state = state;
        this.previousHash = previousHash;
        this.nodeSigner = nodeSigner;
        this.maxTransactions = maxTransactions;
        this.maxWaitNanos = maxWait.toNanos();
        this.onCommitted = onCommitted;
        this.thread = new Thread(this::run, "custodia-ledger-committer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a simulated transaction; the future completes once its block is on disk. */
    public CompletableFuture<CommitResult> enqueue(final TransactionRecord tx) {
        final CompletableFuture<CommitResult> future = new CompletableFuture<>();
        if (failure != null) {
            future.completeExceptionally(failure);
            return future;
        }
        if (closing) {
            future.completeExceptionally(new LedgerException("ledger is closed"));
            return future;
        }
        queue.add(new Pending(tx, future, System.nanoTime()));
        return future;
    }

    private void run() {
        final List<Pending> batch = new ArrayList<>(maxTransactions);
        while (true) {
            try {
                final Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                // From when the first transaction was queued, not from now: under load it queued
                // while the previous block was being committed and has waited long enough already.
                final long deadline = first.queuedAt() + maxWaitNanos;
                queue.drainTo(batch, maxTransactions - batch.size());
                while (batch.size() < maxTransactions) {
                    final long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    final Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    queue.drainTo(batch, maxTransactions - batch.size());
                }
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(batch, new LedgerException("committer interrupted"));
                return;
            } catch (LedgerStorageException e) {
                // The block was not written (its partial frame was cut): fail its transactions, go on.
                storageFailed(batch, e);
            } catch (RuntimeException e) {
                fail(batch, e instanceof LedgerException le ? le : new LedgerException("commit failed: " + e.getMessage(), e));
                return;
            }
            batch.clear();
        }
    }

    private void commit(final List<Pending> batch) {
        final long number = blocks.height();
        final BlockValidator validator = new BlockValidator(state, number);
        final List<TransactionRecord> txs = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            final TransactionRecord tx = batch.get(i).tx();
            txs.add(tx.withValidationCode(validator.validate(tx, i)));
        }
        final BlockCodec.Built built =
                BlockCodec.buildEncoded(number, previousHash, System.currentTimeMillis(), txs, new byte[0], nodeSigner);
        final Block block = built.block();
        blocks.append(number, txs.size(), built.bytes());
        storageRecovered();
        state.apply(block);
        previousHash = block.headerHash();
        for (int i = 0; i < batch.size(); i++) {
            final TransactionRecord tx = txs.get(i);
            batch.get(i).future().complete(new CommitResult(tx.txId(), number, i, tx.validationCode(),
                    tx.validationCode() == ValidationCode.VALID ? tx.response() : new byte[0]));
        }
        onCommitted.accept(number + 1);
    }

    private void storageFailed(final List<Pending> batch, final LedgerStorageException error) {
        if (storageFault.getAndSet(error) == null) {
            // Once per outage, not per block: the message names the file and the errno, no transaction data.
            LOG.error("the ledger cannot write blocks, transactions fail until it can ({}); reads go on", error.getMessage());
        }
        batch.forEach(p -> p.future().completeExceptionally(error));
    }

    private void storageRecovered() {
        if (storageFault.getAndSet(null) != null) {
            LOG.warn("the ledger writes blocks again");
        }
    }

    /** Why the last block could not be written, while no block has been written since; null when blocks are written. */
    public LedgerStorageException storageFault() {
        return storageFault.get();
    }

    /** Forgets {@code fault} (if it is still the current one) once the caller has seen that the disk takes writes again. */
    public void clearStorageFault(final LedgerStorageException fault) {
        if (storageFault.compareAndSet(fault, null)) {
            LOG.warn("the ledger's disk takes writes again");
        }
    }

    private void fail(final List<Pending> batch, final LedgerException error) {
        failure = error;
        batch.forEach(p -> p.future().completeExceptionally(error));
        Pending p;
        while ((p = queue.poll()) != null) {
            p.future().completeExceptionally(error);
        }
    }

    /** The error that stopped the committer, if any: the ledger accepts no more transactions after it. */
    public LedgerException failure() {
        return failure;
    }

    /** Commits what is queued, then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            p.future().completeExceptionally(new LedgerException("ledger is closed"));
        }
    }
}
