package io.custodia.gateway.federation;

/**
 * A release refused or failed, with the HTTP status and problem slug the owner answers with
 * ({@code /problems/<slug>}). The detail never holds a pointer.
 */
public final class FederationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String slug;

    public FederationException(final int status, final String slug, final String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
    }

    /** 401: the request's signature, certificate or freshness does not check out. */
    static FederationException unauthenticated(final String detail) {
        return new FederationException(401, "federation-unauthenticated", detail);
    }

    /** 403: authenticated, but the event does not entitle the caller to this release. */
    static FederationException notEntitled(final String detail) {
        return new FederationException(403, "release-not-entitled", detail);
    }

    static FederationException badRequest(final String detail) {
        return new FederationException(400, "invalid-request", detail);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    /** Whether asking again later may succeed (the owner or its ledger was unavailable). */
    public boolean retryable() {
        return status >= 500;
    }
}
