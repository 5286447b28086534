package io.custodia.sdk.client;

import java.time.Instant;
import java.util.Optional;

/**
 * Consent for patients and proxies: grant, list, revoke, and see who used the data.
 *
 * <pre>{@code
 * ConsentRecord c = client.consents().grant(ConsentRequest.of(ConsentScope.datasets(List.of("ds-001")),
 *         List.of(DuoTerm.of("HMB")), List.of("Org2MSP"), Instant.now(), formSha256));
 * client.consents().revoke(c.consent().consentId(), Optional.empty());
 * }</pre>
 */
public interface Consents {
    /** {@code POST /api/v1/consents}. */
    ConsentRecord grant(ConsentRequest request, IdempotencyKey key) throws CustodiaException;

    /** {@link #grant(ConsentRequest, IdempotencyKey)} without idempotency key. */
    default ConsentRecord grant(final ConsentRequest request) throws CustodiaException {
        return grant(request, IdempotencyKey.none());
    }

    /** {@code GET /api/v1/me/consents}; proxies pass their delegation. */
    Page<ConsentRecord> mine(Optional<String> delegationId, PageRequest page) throws CustodiaException;

    /** {@code DELETE /api/v1/consents/{id}}; proxies pass their delegation. */
    ConsentRevocation revoke(String consentId, Optional<String> delegationId) throws CustodiaException;

    /**
     * {@code GET /api/v1/me/disclosures} within {@code [from, to)}: the access events whose answer carried
     * the caller's pointers, from the gateway's disclosure index (each the ledger's event), in time order.
     */
    Page<AccessEvent> disclosures(Optional<Instant> from, Optional<Instant> to, PageRequest page) throws CustodiaException;
}
