package io.custodia.sdk.client;

/**
 * Proxy delegations (institutions record them for their patients).
 *
 * <pre>{@code
 * DelegationRecord d = client.delegations().register(request, IdempotencyKey.random());
 * client.delegations().end(d.delegation().delegationId());
 * }</pre>
 */
public interface Delegations {
    /** {@code POST /api/v1/delegations}. */
    DelegationRecord register(DelegationRequest request, IdempotencyKey key) throws CustodiaException;

    /** {@link #register(DelegationRequest, IdempotencyKey)} without idempotency key. */
    default DelegationRecord register(final DelegationRequest request) throws CustodiaException {
        return register(request, IdempotencyKey.none());
    }

    /** {@code POST /api/v1/delegations/{id}/end}. */
    DelegationRecord end(String delegationId) throws CustodiaException;
}
