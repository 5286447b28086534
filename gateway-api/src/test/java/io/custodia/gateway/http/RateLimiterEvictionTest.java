package io.custodia.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.auth.UserRole;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Idle buckets are dropped, and dropping them never gives a caller more than its limit. */
class RateLimiterEvictionTest {
    /** One manual clock for both the cache and the buckets, so "idle for two seconds" means the same to both. */
    private static final class ManualClock implements Ticker, TimeMeter {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        @Override
        public long read() {
            return nanos.get();
        }

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advance(final Duration by) {
            nanos.addAndGet(by.toNanos());
        }
    }

    private final ManualClock clock = new ManualClock();
    private final RateLimiter limiter = new RateLimiter(2, clock, clock);
    private final Principal caller = new Principal(UserRole.AUDITOR, "AuditorMSP", "auditor-1");

    @Test
    void drops_the_bucket_of_a_caller_idle_for_its_refill_time() {
        limiter.consume(caller);
        limiter.consume(new Principal(UserRole.AUDITOR, "AuditorMSP", "auditor-2"));

        clock.advance(Duration.ofSeconds(2));

        assertThat(limiter.trackedCallers()).isZero();
    }

    @Test
    void keeps_the_bucket_of_a_caller_idle_for_less_than_its_refill_time() {
        limiter.consume(caller);

        clock.advance(Duration.ofMillis(1_900));

        assertThat(limiter.trackedCallers()).isEqualTo(1);
    }

    @Test
    void a_partly_refilled_bucket_is_kept_so_the_limit_still_holds() {
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.consume(caller).isConsumed()).isTrue();
        }
        assertThat(limiter.consume(caller).isConsumed()).isFalse();

        clock.advance(Duration.ofSeconds(1));
        int served = countServed(10);

        // One second refills two requests; a replacement bucket would have served four.
        assertThat(served).isEqualTo(2);
    }

    @Test
    void a_caller_back_after_eviction_gets_exactly_a_full_bucket_as_the_old_one_would_have() {
        for (int i = 0; i < 5; i++) {
            limiter.consume(caller);
        }

        clock.advance(Duration.ofSeconds(2));
        assertThat(limiter.trackedCallers()).isZero();
        int served = countServed(10);

        assertThat(served).isEqualTo(4);
    }

    private int countServed(final int attempts) {
        int served = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.consume(caller).isConsumed()) {
                served++;
            }
        }
        return served;
    }
}
