package io.custodia.gateway.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * The identity provider's signing keys cannot be fetched, so no token can be checked. Not the
 * caller's fault and not a verdict on its token: {@code ErrorMapper} answers 503 with
 * {@code Retry-After}, not 401, so clients retry instead of discarding a good token.
 */
public final class KeysUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    public KeysUnavailableException(final Duration retryAfter, final Throwable cause) {
        super("the identity provider's signing keys are unavailable", cause);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** The earliest a new fetch of the keys is attempted. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
