package io.custodia.gateway.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.custodia.gateway.auth.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A token bucket per key (Bucket4j): {@code ratePerSecond} sustained with bursts up to twice that.
 * {@link RequestLimits} keeps one per authenticated caller and one per source address; over the limit
 * a request gets 429 with {@code Retry-After} and does nothing.
 *
 * <p>Keys are whatever subjects token holders present (or addresses clients connect from), so buckets
 * are kept in a Caffeine cache that drops a bucket once it has been idle for its refill-to-full time;
 * memory then grows with the keys active in the last few seconds, not with every key ever seen.
 */
public final class RateLimiter {
    /** Bursts up to this many seconds' worth of requests; also the time an empty bucket takes to refill. */
    private static final long BURST_SECONDS = 2;

    private final long ratePerSecond;
    private final TimeMeter bucketClock;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(final long ratePerSecond) {
        this(ratePerSecond, Ticker.systemTicker(), TimeMeter.SYSTEM_NANOTIME);
    }

    /** With the clocks of the cache and of the buckets given, so tests can move time instead of sleeping. */
    RateLimiter(final long ratePerSecond, final Ticker cacheClock, final TimeMeter bucketClock) {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1 request per second");
        }
        this.ratePerSecond = ratePerSecond;
        this.bucketClock = Objects.requireNonNull(bucketClock, "bucketClock");
        // Safe to forget: a bucket idle for its refill-to-full time is full, and a new bucket starts
        // full, so replacing it gives the caller exactly what it would have had, never more. Only idle
        // time evicts; a size bound would drop busy callers' partly drained buckets and hand them full
        // ones, letting them exceed the limit.
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofSeconds(BURST_SECONDS))
                .ticker(Objects.requireNonNull(cacheClock, "cacheClock"))
                .build();
    }

    /** Takes one request from the caller's bucket. */
    ConsumptionProbe consume(final Principal principal) {
        return consume(principal.role().claim() + "\n" + principal.institution() + "\n" + principal.subject());
    }

    /** Takes one request from {@code key}'s bucket. */
    ConsumptionProbe consume(final String key) {
        return bucket(key).tryConsumeAndReturnRemaining(1);
    }

    /** Whether {@code key}'s bucket is empty now, without taking anything from it. */
    boolean exhausted(final String key) {
        final Bucket bucket = buckets.getIfPresent(key);
        return bucket != null && bucket.getAvailableTokens() < 1;
    }

    /** The 429 for a refused request: {@code Retry-After} is set on the response. */
    ApiException refusal(final io.javalin.http.Context ctx, final long nanosToWait, final String who) {
        final long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
        ctx.header("Retry-After", Long.toString(seconds));
        return new ApiException(429, "rate-limited", "Too many requests",
                "more than " + ratePerSecond + " requests per second from " + who + "; retry after " + seconds + " s",
                List.of(), Map.of());
    }

    /** Nanoseconds until {@code key}'s bucket holds one request again (0 when it holds one now). */
    long nanosToRefill(final String key) {
        return bucket(key).estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    /** How many keys have a bucket now (after pending evictions ran). */
    long trackedCallers() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket bucket(final String key) {
        return buckets.get(key, k -> newBucket());
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(BURST_SECONDS * ratePerSecond).refillGreedy(ratePerSecond, Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(bucketClock)
                .build();
    }
}
