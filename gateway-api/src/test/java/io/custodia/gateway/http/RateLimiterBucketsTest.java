package io.custodia.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterBucketsTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker clock = nanos::get;

    @Test
    void an_idle_callers_bucket_is_dropped_once_it_would_have_refilled() {
        final RateLimiter limiter = new RateLimiter(5, clock);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.consume("caller-" + i)).isEmpty();
        }

        nanos.addAndGet(RateLimiter.REFILL_TO_FULL.minusMillis(1).toNanos());
        final long beforeRefill = limiter.trackedCallers();
        nanos.addAndGet(Duration.ofMillis(2).toNanos());
        final long afterRefill = limiter.trackedCallers();

        assertThat(beforeRefill).isEqualTo(100);
        assertThat(afterRefill).isZero();
    }

    @Test
    void the_limit_holds_across_eviction() {
        final RateLimiter limiter = new RateLimiter(5, clock);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.consume("busy")).as("burst request " + i).isEmpty();
        }
        assertThat(limiter.consume("busy")).as("over the burst").isPresent();

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        int allowedAfterOneSecond = 0;
        while (limiter.consume("busy").isEmpty()) {
            allowedAfterOneSecond++;
        }
        nanos.addAndGet(RateLimiter.REFILL_TO_FULL.plusMillis(1).toNanos());
        int allowedAfterIdle = 0;
        while (limiter.consume("busy").isEmpty()) {
            allowedAfterIdle++;
        }

        assertThat(allowedAfterOneSecond).isEqualTo(5);
        assertThat(allowedAfterIdle).as("a full bucket, the same as an evicted caller gets").isEqualTo(10);
    }
}
