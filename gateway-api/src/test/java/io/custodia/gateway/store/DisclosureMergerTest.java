package io.custodia.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The merger's schedule on its own, over a queue of counted events (the store suite covers the merge). */
class DisclosureMergerTest {
    /** A queue of {@code events} events; each call moves up to its argument and records the batch size. */
    private static final class CountedQueue implements IntUnaryOperator {
        final AtomicInteger left;
        final List<Integer> batches = new ArrayList<>();
        final CountDownLatch emptied = new CountDownLatch(1);

        CountedQueue(final int events) {
            left = new AtomicInteger(events);
        }

        @Override
        public synchronized int applyAsInt(final int max) {
            final int moved = Math.min(max, left.get());
            left.addAndGet(-moved);
            batches.add(moved);
            if (left.get() == 0) {
                emptied.countDown();
            }
            return moved;
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void each_round_merges_in_bounded_transactions_until_the_queue_is_empty() throws InterruptedException {
        final CountedQueue queue = new CountedQueue(25);
        try (DisclosureMerger merger = new DisclosureMerger(queue, Duration.ofMillis(20), 10)) {
            assertThat(queue.emptied.await(5, TimeUnit.SECONDS)).isTrue();
            synchronized (queue) {
                assertThat(queue.batches.subList(0, 3)).as("one round, three transactions").containsExactly(10, 10, 5);
            }
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void close_merges_what_is_still_queued() {
        final CountedQueue queue = new CountedQueue(7);
        final DisclosureMerger merger = new DisclosureMerger(queue, Duration.ofDays(1), 5);

        merger.close();

        assertThat(queue.left.get()).isZero();
        assertThat(queue.batches).containsExactly(5, 2);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void a_failing_round_is_retried_by_the_next() throws InterruptedException {
        final CountedQueue queue = new CountedQueue(3);
        final AtomicInteger calls = new AtomicInteger();
        final IntUnaryOperator failsFirst = max -> {
            if (calls.incrementAndGet() == 1) {
                throw new StoreException("database unavailable");
            }
            return queue.applyAsInt(max);
        };
        try (DisclosureMerger merger = new DisclosureMerger(failsFirst, Duration.ofMillis(20), 10)) {
            assertThat(queue.emptied.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(calls.get()).isGreaterThanOrEqualTo(2);
        }
    }
}
