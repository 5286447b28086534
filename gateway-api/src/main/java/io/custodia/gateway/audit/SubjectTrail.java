package io.custodia.gateway.audit;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.RawJson;
import io.custodia.chaincode.support.Page;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.store.Disclosure;
import io.custodia.gateway.store.DisclosureCursor;
import io.custodia.gateway.store.DisclosurePage;
import io.custodia.gateway.store.OffChainStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subject's access trail — the access events that released the subject's data, oldest first, time
 * range and bookmark as every trail — from the store's disclosure index, in the ledger trails' page
 * format ({@code {"bookmark":…,"items":[event…]}}, canonical JSON).
 *
 * <p>Why not the ledger: an access event commits to the subjects it released by count and Merkle root
 * only. One ledger key per released subject made a 100-subject PERMIT write ~5x the bytes and run at
 * three quarters of the rate (docs/benchmarks.md), and the design keeps the per-subject index
 * off-chain. An item is the event as the ledger returned it when the pointers were handed out
 * (verifiable against {@code GET /api/v1/audit/access-events/{eventId}}); only a row recorded before
 * copies were kept shows its index row's fields instead.
 */
public final class SubjectTrail {
    private final OffChainStore store;

    public SubjectTrail(final OffChainStore store) {
        this.store = store;
    }

    /** The page {@code query} asks for, as canonical JSON; 400 for a bookmark this trail did not hand out. */
    public byte[] page(final String subjectRef, final TrailQuery query) {
        final DisclosureCursor after;
        try {
            after = DisclosureCursor.decode(query.page().bookmark());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bookmark", e.getMessage());
        }
        final DisclosurePage page = store.disclosures().page(subjectRef, instant(query.from()), instant(query.to()),
                query.page().pageSize(), after);
        final List<Object> items = new ArrayList<>(page.rows().size());
        for (final Disclosure row : page.rows()) {
            final String event = page.events().get(row.eventId());
            items.add(event != null ? RawJson.of(event.getBytes(StandardCharsets.UTF_8)) : summary(row));
        }
        return CanonicalJson.toBytes(new Page<>(items, page.bookmark()));
    }

    /** What the index row knows of an event recorded before event copies were kept. */
    private static Map<String, Object> summary(final Disclosure row) {
        final Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", row.eventId());
        event.put("datasetId", row.datasetId());
        event.put("requester", row.requesterInstitution());
        event.put("purpose", RawJson.of(row.purpose().getBytes(StandardCharsets.UTF_8)));
        event.put("decision", "PERMIT");
        event.put("decidedAt", row.decidedAt().toString());
        return event;
    }

    private static Instant instant(final String bound) {
        return bound.isEmpty() ? null : Instant.parse(bound);
    }
}
