package io.custodia.gateway.http;

import io.custodia.gateway.auth.AuthRules;
import io.github.bucket4j.ConsumptionProbe;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * Request rate limits, as before-handlers: authenticated callers by caller ({@code CUSTODIA_RATE_LIMIT}),
 * everything that has no valid token by source address ({@code CUSTODIA_RATE_LIMIT_ANONYMOUS}).
 *
 * <ul>
 *   <li>{@code /api/v1}: a request whose token does not authenticate (none, malformed, bad signature,
 *       expired, wrong claims) takes one from its source address's bucket and gets its 401. Once that
 *       bucket is empty, requests from the address get 429 without their token being checked at all
 *       (checking costs a signature verification), except tokens already verified and still valid,
 *       so one client sending bad tokens does not lock out callers behind the same address. An
 *       authenticated request takes one from its caller's bucket.</li>
 *   <li>{@code /dev/tokens}: every request takes one from its source address's bucket (each one signs).</li>
 * </ul>
 *
 * <p>The source address is the connection's peer: behind a reverse proxy every client shares the
 * proxy's address, so the proxy should limit by client itself. {@code X-Forwarded-For} is not trusted:
 * any client can write it.
 */
public final class RequestLimits {
    private final RateLimiter callers;
    private final RateLimiter sources;

    public RequestLimits(final RateLimiter callers, final RateLimiter sources) {
        this.callers = Objects.requireNonNull(callers, "callers");
        this.sources = Objects.requireNonNull(sources, "sources");
    }

    /** Per caller {@code callerRate} requests a second, per source address without a valid token {@code anonymousRate}. */
    public static RequestLimits of(final long callerRate, final long anonymousRate) {
        return new RequestLimits(new RateLimiter(callerRate), new RateLimiter(anonymousRate));
    }

    /** Authentication and the limits, before every other handler of the routes they cover. */
    void install(final Javalin app, final AuthRules auth) {
        app.before("/api/v1/*", ctx -> authenticate(ctx, auth));
        app.before("/dev/tokens", this::limitSource);
    }

    private void authenticate(final Context ctx, final AuthRules auth) {
        final String source = ctx.ip();
        if (sources.exhausted(source) && !auth.presentsVerifiedToken(ctx)) {
            throw sources.refusal(ctx, sources.nanosToRefill(source), "this address without a valid token");
        }
        try {
            auth.authenticate(ctx);
        } catch (ApiException e) {
            if (e.status() == 401) {
                sources.consume(source);
            }
            throw e;
        }
        final ConsumptionProbe probe = callers.consume(AuthRules.principal(ctx));
        if (!probe.isConsumed()) {
            throw callers.refusal(ctx, probe.getNanosToWaitForRefill(), "this caller");
        }
    }

    private void limitSource(final Context ctx) {
        final ConsumptionProbe probe = sources.consume(ctx.ip());
        if (!probe.isConsumed()) {
            throw sources.refusal(ctx, probe.getNanosToWaitForRefill(), "this address");
        }
    }
}
