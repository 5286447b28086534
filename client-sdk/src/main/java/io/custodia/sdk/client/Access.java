package io.custodia.sdk.client;

/**
 * Access requests (institutions). The ledger decides and records every request, PERMIT or DENY.
 *
 * <pre>{@code
 * AccessResult r = client.access().request(AccessRequest.of("ds-001", DuoTerm.of("HMB")), IdempotencyKey.random());
 * }</pre>
 */
public interface Access {
    /** {@code POST /api/v1/access-requests}. */
    AccessResult request(AccessRequest request, IdempotencyKey key) throws CustodiaException;

    /** {@link #request(AccessRequest, IdempotencyKey)} without idempotency key. */
    default AccessResult request(final AccessRequest request) throws CustodiaException {
        return request(request, IdempotencyKey.none());
    }
}
