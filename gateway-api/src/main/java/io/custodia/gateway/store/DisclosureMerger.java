package io.custodia.gateway.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves queued disclosures into the per-subject index ({@link DisclosureIndex#mergePending}) every
 * {@code period}, in transactions of at most {@code maxEvents} events, until the queue is empty.
 *
 * <p>The period is the trade: the longer it is, the more of a subject's disclosures share one page
 * write, and the longer each merge holds SQLite's write lock. Nothing waits for a merge to be seen:
 * readers and erasure look at the queue too.
 */
final class DisclosureMerger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DisclosureMerger.class);
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final IntUnaryOperator merge;
    private final int maxEvents;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "custodia-store-disclosure-merge");
        t.setDaemon(true);
        return t;
    });

    /** @param merge one merge transaction of at most its argument events; returns the events moved */
    DisclosureMerger(final IntUnaryOperator merge, final Duration period, final int maxEvents) {
        this.merge = merge;
        this.maxEvents = maxEvents;
        timer.scheduleWithFixedDelay(this::mergeQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Merges until the queue is empty; returns the events moved. */
    int mergeAll() {
        int total = 0;
        int moved;
        do {
            moved = merge.applyAsInt(maxEvents);
            total += moved;
        } while (moved == maxEvents);
        return total;
    }

    private void mergeQuietly() {
        try {
            mergeAll();
        } catch (RuntimeException e) {
            // The queue keeps everything; the next round retries.
            LOG.warn("merging queued disclosures failed, retrying next round: {}", e.toString());
        }
    }

    /** Stops the timer, then merges what is queued so a clean shutdown leaves the queue empty. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        mergeQuietly();
    }
}
