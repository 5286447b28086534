package io.custodia.gateway.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.custodia.gateway.auth.AuthRules;
import io.custodia.gateway.auth.Principal;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per authenticated caller (Bucket4j): {@code ratePerSecond} sustained with bursts up
 * to twice that. Over the limit the request gets 429 with {@code Retry-After} and does nothing.
 */
public final class RateLimiter {
    private final long ratePerSecond;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(final long ratePerSecond) {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1 request per second");
        }
        this.ratePerSecond = ratePerSecond;
    }

    /** Before-handler, after authentication. */
    public void check(final Context ctx) {
        final Principal principal = AuthRules.principal(ctx);
        final Bucket bucket = buckets.computeIfAbsent(principal.role().claim() + "\n" + principal.institution() + "\n" + principal.subject(),
                k -> Bucket.builder()
                        .addLimit(Bandwidth.builder().capacity(2 * ratePerSecond).refillGreedy(ratePerSecond, Duration.ofSeconds(1)).build())
                        .build());
        final ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            final long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
            ctx.header("Retry-After", Long.toString(seconds));
            throw new ApiException(429, "rate-limited", "Too many requests",
                    "more than " + ratePerSecond + " requests per second from this caller; retry after " + seconds + " s",
                    List.of(), Map.of());
        }
    }

}
