package io.custodia.gateway.federation;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.gateway.store.DisclosedEvent;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.store.PointerRead;
import io.custodia.gateway.store.StoreSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The owner's side of a release in its store: the pointers of the released subjects it still holds,
 * taken in the store transaction that records their disclosure (so the disclosure index lists exactly
 * the events whose answer carried a subject's pointers).
 *
 * <p>Reading and decrypting 100 subjects' pointers is done before that transaction, so it does not
 * hold SQLite's single write lock; the transaction re-checks which subjects still have items. An
 * erasure that commits between the read and the transaction removes its subject from the answer; one
 * that commits after it deletes the disclosures with everything else. The re-check costs one read of
 * the store's item change mark while no item was deleted or replaced since the pointers were read;
 * the pointers themselves may come from memory under the same mark (the store's {@code PointerCache}).
 */
final class HeldPointers {
    private final OffChainStore store;

    HeldPointers(final OffChainStore store) {
        this.store = store;
    }

    /** The released subjects still held (in the ledger's order) with their pointers, and the dataset's storage URI. */
    record Held(String storageUri, Map<String, List<String>> bySubject, List<String> withheld) {}

    /** A request's nonce, claimed in the transaction that releases (so a replay releases and records nothing). */
    record Nonce(String requester, String value, Instant expiresAt, Instant now) {}

    /** Thrown out of the store transaction when the nonce was seen before; the transaction rolls back. */
    static final class Replayed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Replayed() {
            super("nonce already used", null, false, false);
        }
    }

    /**
     * @throws Replayed when {@code nonce} was claimed before: nothing is released or recorded
     */
    Held releaseAndRecord(final JsonNode event, final List<String> released, final Nonce nonce) {
        final String datasetId = event.path("datasetId").asText();
        final PointerRead read = store.items().cachedPointersOf(datasetId, released)
                .orElseGet(() -> store.items().pointersOf(datasetId, released, event.path("subjectsConsidered").asLong()));
        // Shared with concurrent releases: the commit's fsync was a quarter of the time a PERMIT held
        // SQLite's write lock. The work only re-checks and inserts, so running it again is safe.
        return store.inSharedTransaction(tx -> {
            // In the same commit as the disclosures: a release costs one store transaction, not two.
            if (!tx.federation().claimNonce(nonce.requester(), nonce.value(), nonce.expiresAt(), nonce.now())) {
                throw new Replayed();
            }
            final Held held = held(released, tx.items().current(read));
            recordDisclosures(tx, event, released.size(), held.bySubject().keySet());
            return held;
        });
    }

    private static Held held(final List<String> released, final PointerRead read) {
        final Map<String, List<String>> bySubject = new LinkedHashMap<>();
        final List<String> withheld = new ArrayList<>();
        for (final String subjectRef : released) {
            final List<String> found = read.bySubject().get(subjectRef);
            if (found != null) {
                bySubject.put(subjectRef, found);
            } else {
                withheld.add(subjectRef);
            }
        }
        return new Held(read.storageUri(), bySubject, withheld);
    }

    /**
     * Records the event and the subjects whose pointers are handed out. When those are all the subjects
     * the ledger released, their Merkle root is the event's {@code releasedSubjectsRoot}, computed by
     * the chaincode over the same set; only a smaller set is hashed here.
     */
    private static void recordDisclosures(final StoreSession session, final JsonNode event, final int releasedCount,
            final java.util.Set<String> delivered) {
        if (delivered.isEmpty()) {
            return;
        }
        final SortedSet<String> refs = new TreeSet<>(delivered);
        final String eventId = event.path("eventId").asText();
        final String datasetId = event.path("datasetId").asText();
        final String requester = event.path("requester").asText();
        final String purpose = CanonicalJson.toString(event.path("purpose"));
        final Instant decidedAt = Instant.parse(event.path("decidedAt").asText());
        final String canonicalEvent = CanonicalJson.toString(event);
        // delivered ⊆ released by construction, so equal sizes mean equal sets.
        final DisclosedEvent disclosed = refs.size() == releasedCount
                ? new DisclosedEvent(eventId, datasetId, requester, purpose, decidedAt, canonicalEvent, refs,
                        event.path("releasedSubjectsRoot").asText())
                : DisclosedEvent.of(eventId, datasetId, requester, purpose, decidedAt, canonicalEvent, refs);
        session.disclosures().record(disclosed);
    }
}
