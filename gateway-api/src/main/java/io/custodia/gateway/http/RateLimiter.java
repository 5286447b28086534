package io.custodia.gateway.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.custodia.gateway.auth.AuthRules;
import io.custodia.gateway.auth.Principal;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A token bucket per authenticated caller (Bucket4j): {@code ratePerSecond} sustained with bursts up
 * to twice that. Over the limit the request gets 429 with {@code Retry-After} and does nothing.
 *
 * <p>Callers are whatever subjects token holders present, so buckets are kept in a Caffeine cache
 * that drops a bucket once it has been idle for its refill-to-full time; memory then grows with the
 * callers active in the last few seconds, not with every caller ever seen.
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

    /** Before-handler, after authentication. */
    public void check(final Context ctx) {
        final ConsumptionProbe probe = consume(AuthRules.principal(ctx));
        if (!probe.isConsumed()) {
            final long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
            ctx.header("Retry-After", Long.toString(seconds));
            throw new ApiException(429, "rate-limited", "Too many requests",
                    "more than " + ratePerSecond + " requests per second from this caller; retry after " + seconds + " s",
                    List.of(), Map.of());
        }
    }

    /** Takes one request from the caller's bucket. */
    ConsumptionProbe consume(final Principal principal) {
        final String caller = principal.role().claim() + "\n" + principal.institution() + "\n" + principal.subject();
        return buckets.get(caller, k -> newBucket()).tryConsumeAndReturnRemaining(1);
    }

    /** How many callers have a bucket now (after pending evictions ran). */
    long trackedCallers() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(BURST_SECONDS * ratePerSecond).refillGreedy(ratePerSecond, Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(bucketClock)
                .build();
    }
}
