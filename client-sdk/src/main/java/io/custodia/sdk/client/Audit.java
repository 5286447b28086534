package io.custodia.sdk.client;

import java.util.List;

/**
 * Access trails and erasure receipts (auditors; institutions for their own datasets and requests).
 *
 * <pre>{@code
 * List<AccessEvent> trail = client.audit().fullTrail(AccessEventQuery.byDataset("ds-001"));
 * TrailVerification v = AccessTrailVerifier.create().verify(trail, TrailExpectations.forQuery(query));
 * }</pre>
 */
public interface Audit {
    /** {@code GET /api/v1/audit/access-events}: one page, in decision-time order. */
    Page<AccessEvent> accessEvents(AccessEventQuery query, PageRequest page) throws CustodiaException;

    /** Every event of {@code query}, following bookmarks. */
    default List<AccessEvent> fullTrail(final AccessEventQuery query) throws CustodiaException {
        return Paging.all(page -> accessEvents(query, page));
    }

    /** {@code GET /api/v1/audit/access-events/{id}}. */
    AccessEvent accessEvent(String eventId) throws CustodiaException;

    /** {@code GET /api/v1/audit/erasures?subjectRef=}. */
    List<ErasureReceipt> erasures(String subjectRef) throws CustodiaException;

    /** {@code GET /api/v1/audit/erasures/{id}}. */
    ErasureReceipt erasure(String receiptId) throws CustodiaException;
}
