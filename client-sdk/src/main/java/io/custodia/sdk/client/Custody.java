package io.custodia.sdk.client;

import java.util.List;

/**
 * Custody keys and hops.
 *
 * <pre>{@code
 * CustodyKey key = client.custody().registerKey(certificatePem);
 * CustodyHead head = client.custody().head("ds-001");
 * SignedCustodyHop signed = signer.sign(new CustodyHop("ds-001", head.sequence() + 1, head.lastHopHash(),
 *         "Org1MSP", "Org2MSP", "TRANSFER", head.contentHash()));
 * client.custody().recordHop("ds-001", CustodyHopSubmission.of(signed, key.keyId()));
 * }</pre>
 */
public interface Custody {
    /** {@code POST /api/v1/custody-keys}. */
    CustodyKey registerKey(String certificatePem) throws CustodiaException;

    /** {@code GET /api/v1/datasets/{id}/custody/head}. */
    CustodyHead head(String datasetId) throws CustodiaException;

    /** {@code POST /api/v1/datasets/{id}/custody-hops}. */
    CustodyHopRecord recordHop(String datasetId, CustodyHopSubmission hop, IdempotencyKey key) throws CustodiaException;

    /** {@link #recordHop(String, CustodyHopSubmission, IdempotencyKey)} without idempotency key. */
    default CustodyHopRecord recordHop(final String datasetId, final CustodyHopSubmission hop) throws CustodiaException {
        return recordHop(datasetId, hop, IdempotencyKey.none());
    }

    /** {@code GET /api/v1/datasets/{id}/custody}: one page of hops, in sequence order. */
    Page<CustodyChainEntry> chain(String datasetId, PageRequest page) throws CustodiaException;

    /** Every hop, following bookmarks. */
    default List<CustodyChainEntry> fullChain(final String datasetId) throws CustodiaException {
        return Paging.all(page -> chain(datasetId, page));
    }

    /** {@code GET /api/v1/datasets/{id}/custody/verification}: the gateway's verdict. */
    CustodyVerification verification(String datasetId) throws CustodiaException;
}
