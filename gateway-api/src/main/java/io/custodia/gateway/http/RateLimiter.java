package io.custodia.gateway.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.custodia.gateway.auth.AuthRules;
import io.custodia.gateway.auth.Principal;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A token bucket per authenticated caller (Bucket4j): {@code ratePerSecond} sustained with bursts up
 * to twice that. Over the limit the request gets 429 with {@code Retry-After} and does nothing.
 *
 * <p>Callers are whoever holds a token, so buckets cannot be kept forever. A bucket idle for
 * {@link #REFILL_TO_FULL} has refilled completely, and a full bucket is exactly what a new caller
 * gets: dropping it then (Caffeine, expire after access) frees the memory without ever letting a
 * caller past its limit.
 */
public final class RateLimiter {
    /** Capacity is twice the rate and refill is greedy at the rate: empty to full in two seconds. */
    static final Duration REFILL_TO_FULL = Duration.ofSeconds(2);

    private final long ratePerSecond;
    private final Ticker ticker;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(final long ratePerSecond) {
        this(ratePerSecond, Ticker.systemTicker());
    }

    /** With the clock both the buckets and their expiry read, for tests. */
    RateLimiter(final long ratePerSecond, final Ticker ticker) {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1 request per second");
        }
        this.ratePerSecond = ratePerSecond;
        this.ticker = ticker;
        this.buckets = Caffeine.newBuilder().ticker(ticker).expireAfterAccess(REFILL_TO_FULL).build();
    }

    /** Before-handler, after authentication. */
    public void check(final Context ctx) {
        final Principal principal = AuthRules.principal(ctx);
        final OptionalLong retryAfter = consume(principal.role().claim() + "\n" + principal.institution() + "\n" + principal.subject());
        if (retryAfter.isPresent()) {
            ctx.header("Retry-After", Long.toString(retryAfter.getAsLong()));
            throw new ApiException(429, "rate-limited", "Too many requests",
                    "more than " + ratePerSecond + " requests per second from this caller; retry after " + retryAfter.getAsLong() + " s",
                    List.of(), Map.of());
        }
    }

    /** Takes one token of {@code caller}'s bucket: empty if allowed, else the seconds to wait. */
    OptionalLong consume(final String caller) {
        final ConsumptionProbe probe = buckets.get(caller, k -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed()
                ? OptionalLong.empty()
                : OptionalLong.of(Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()));
    }

    /** Buckets currently kept (after pending evictions ran). */
    long trackedCallers() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(2 * ratePerSecond).refillGreedy(ratePerSecond, Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(new TimeMeter() {
                    @Override
                    public long currentTimeNanos() {
                        return ticker.read();
                    }

                    @Override
                    public boolean isWallClockBased() {
                        return false;
                    }
                })
                .build();
    }
}
