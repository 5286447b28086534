package io.custodia.gateway.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Hashes;
import io.custodia.canonical.MerkleTree;
import io.custodia.chaincode.access.AccessRequest;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.ledger.Callers;
import io.custodia.gateway.ledger.Committed;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.store.DisclosedEvent;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.store.PointerRead;
import io.custodia.gateway.store.StoreSession;
import io.custodia.gateway.http.LedgerJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access flow: the chaincode decides and records the event (PERMIT or DENY) and names the
 * released subjects; the gateway then resolves pointers from the off-chain store for those subjects
 * only, drops released subjects whose pointers are gone (erased after the ledger decided), and
 * records the event with the set of subjects whose pointers it hands out: that index is the
 * subjects' access trail (the ledger commits to the released set by count and root).
 */
public final class AccessService {
    private static final Logger LOG = LoggerFactory.getLogger(AccessService.class);

    private final LedgerClient ledger;
    private final OffChainStore store;

    public AccessService(final LedgerClient ledger, final OffChainStore store) {
        this.ledger = ledger;
        this.store = store;
    }

    /** What the ledger decided: its canonical {@code AccessDecision} (event and released subjectRefs). */
    public record Decision(JsonNode decision) {
        JsonNode event() {
            return decision.path("event");
        }

        List<String> released() {
            final List<String> out = new ArrayList<>();
            decision.path("releasedSubjects").forEach(n -> out.add(n.asText()));
            return out;
        }
    }

    /**
     * Submits the request, resolves pointers of the released subjects, then records their disclosures
     * in a store transaction (shared with concurrent requests) that first re-checks which of them
     * still have items.
     *
     * <p>Reading and decrypting 100 subjects' pointers is done before that transaction, so it no
     * longer holds SQLite's single write lock (it was a third of the lock's hold time). The re-check
     * keeps what the transaction held before: pointers are handed out, and disclosures recorded, only
     * for subjects whose items exist when the disclosures commit. An erasure that commits between the
     * read and the transaction removes its subject from the answer; one that commits after it deletes
     * the disclosures with everything else. The re-check costs one read of the store's item change
     * mark while no item was deleted or replaced since the pointers were read; the pointers themselves
     * may come from memory under the same mark (see the store's {@code PointerCache}).
     */
    public AccessResult request(final Principal principal, final AccessRequestBody body, final String requestId)
            throws LedgerException {
        return request(principal, body, requestId, false);
    }

    /**
     * As {@link #request(Principal, AccessRequestBody, String)}; with {@code retry} (the request carries
     * an Idempotency-Key, whose derived request id the ledger has decided already: the first attempt's
     * answer was lost), the recorded decision is answered again instead of 409 — see {@link #recorded}.
     */
    public AccessResult request(final Principal principal, final AccessRequestBody body, final String requestId,
            final boolean retry) throws LedgerException {
        final String request = CanonicalJson.toString(body.toChaincode(requestId));
        Decision decision;
        try {
            final Committed committed = ledger.submit(Callers.of(principal), "access:RequestAccess", request);
            decision = new Decision(LedgerJson.tree(committed.payload()));
        } catch (LedgerException.Rejected refused) {
            if (!retry || !"ALREADY_EXISTS".equals(refused.code())) {
                throw refused;
            }
            decision = recorded(principal, body, requestId).orElseThrow(() -> refused);
        }
        final AccessGrant grant = isPermit(decision) ? resolveAndRecord(decision) : denied(decision);
        LOG.info("access event {} on dataset {} by {}: {}, {} subjects released, {} without pointers",
                decision.event().path("eventId").asText(), decision.event().path("datasetId").asText(),
                principal.institution(), decision.event().path("decision").asText(), grant.subjects().size(),
                grant.subjectsWithoutPointers());
        return new AccessResult(decision, grant);
    }

    /**
     * The decision the ledger recorded for {@code requestId}, if it is this caller's and this request's.
     * The event commits to the released subjects by count and Merkle root only, so the set is rebuilt
     * and accepted only when its root is the event's: the dataset's subjects in this store, else the
     * subjects the ledger would release now (an evaluated, uncommitted decision under another id). When
     * neither matches (consents changed since), the decision cannot be answered again: empty.
     */
    private Optional<Decision> recorded(final Principal principal, final AccessRequestBody body, final String requestId)
            throws LedgerException {
        final JsonNode event;
        try {
            event = LedgerJson.tree(ledger.evaluate(Callers.of(principal), "access:GetAccessEvent", requestId));
        } catch (LedgerException.Rejected e) {
            if ("NOT_FOUND".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
        final String asked = CanonicalJson.toString(CanonicalJson.parse(
                CanonicalJson.toString(body.toChaincode(requestId)), AccessRequest.class));
        if (!principal.institution().equals(event.path("requester").asText())
                || !asked.equals(CanonicalJson.toString(CanonicalJson.parse(CanonicalJson.toString(event.path("request")), AccessRequest.class)))) {
            return Optional.empty();
        }
        final long released = event.path("subjectsReleased").asLong();
        if (released == 0) {
            return Optional.of(decisionOf(event, List.of()));
        }
        final String root = event.path("releasedSubjectsRoot").asText();
        final List<String> held = store.items().subjectsOf(event.path("datasetId").asText());
        if (held.size() == released && MerkleTree.rootOfStringSet(held).equals(root)) {
            return Optional.of(decisionOf(event, held));
        }
        final JsonNode now = LedgerJson.tree(ledger.evaluate(Callers.of(principal), "access:RequestAccess",
                CanonicalJson.toString(body.toChaincode(replayId(requestId)))));
        final List<String> wouldRelease = new ArrayList<>();
        now.path("releasedSubjects").forEach(n -> wouldRelease.add(n.asText()));
        if (wouldRelease.size() == released && MerkleTree.rootOfStringSet(wouldRelease).equals(root)) {
            return Optional.of(decisionOf(event, wouldRelease));
        }
        LOG.warn("access event {}: the released subjects cannot be rebuilt for a replay (consents changed since)", requestId);
        return Optional.empty();
    }

    /** An id no request uses, within the id length limit whatever the original's length. */
    private static String replayId(final String requestId) {
        return "replay-" + Hashes.sha256Hex(requestId).substring(0, 40);
    }

    private static Decision decisionOf(final JsonNode event, final List<String> released) {
        final ObjectNode decision = JsonNodeFactory.instance.objectNode();
        decision.set("event", event);
        final ArrayNode refs = decision.putArray("releasedSubjects");
        released.stream().sorted().forEach(refs::add);
        return new Decision(decision);
    }

    private AccessGrant resolveAndRecord(final Decision decision) {
        final List<String> released = decision.released();
        // Pointers from memory without a database read when it holds them all, else read (mark first).
        // Either way they are taken only as the re-check inside the transaction returns them.
        final PointerRead read = store.items().cachedPointersOf(decision.event().path("datasetId").asText(), released)
                .orElseGet(() -> pointersOf(store, decision, released));
        // Shared with concurrent PERMITs: the commit's fsync was a quarter of the time a PERMIT held
        // SQLite's write lock. The work only re-checks and inserts, so running it again is safe.
        return store.inSharedTransaction(tx -> {
            final AccessGrant grant = grant(decision, released, tx.items().current(read));
            recordDisclosures(tx, decision, grant.subjects());
            return grant;
        });
    }

    /** A decision and the response built from it. */
    public record AccessResult(Decision decision, AccessGrant grant) {}

    /**
     * The response for a recorded decision, from the store as it is now: a replay after an erasure
     * no longer hands out the erased subject's pointers.
     */
    public AccessGrant resolve(final Decision decision) {
        if (!isPermit(decision)) {
            return denied(decision);
        }
        final List<String> released = decision.released();
        return grant(decision, released, pointersOf(store, decision, released));
    }

    private static boolean isPermit(final Decision decision) {
        return "PERMIT".equals(decision.event().path("decision").asText()) && decision.decision().path("releasedSubjects").size() > 0;
    }

    private static AccessGrant denied(final Decision decision) {
        return new AccessGrant(decision.event(), null, List.of(), 0);
    }

    private static PointerRead pointersOf(final StoreSession session, final Decision decision,
            final List<String> released) {
        return session.items().pointersOf(decision.event().path("datasetId").asText(), released,
                decision.event().path("subjectsConsidered").asLong());
    }

    /** The response: the {@code released} subjects that have pointers in {@code read}, in the ledger's order. */
    private static AccessGrant grant(final Decision decision, final List<String> released, final PointerRead read) {
        final List<ReleasedSubject> subjects = new ArrayList<>(read.bySubject().size());
        for (final String subjectRef : released) {
            final List<String> found = read.bySubject().get(subjectRef);
            if (found != null) {
                subjects.add(new ReleasedSubject(subjectRef, found));
            }
        }
        return new AccessGrant(decision.event(), read.storageUri(), subjects, released.size() - subjects.size());
    }

    /**
     * Records the event and the subjects whose pointers it hands out. When those are all the subjects
     * the ledger released, their Merkle root is the event's {@code releasedSubjectsRoot}, computed by
     * the chaincode over the same set; only a smaller set is hashed here (200 SHA-256 for 100 subjects).
     */
    private static void recordDisclosures(final StoreSession session, final Decision decision,
            final List<ReleasedSubject> subjects) {
        if (subjects.isEmpty()) {
            return;
        }
        final JsonNode event = decision.event();
        final SortedSet<String> refs = new TreeSet<>();
        subjects.forEach(s -> refs.add(s.subjectRef()));
        final String eventId = event.path("eventId").asText();
        final String datasetId = event.path("datasetId").asText();
        final String requester = event.path("requester").asText();
        final String purpose = CanonicalJson.toString(event.path("purpose"));
        final Instant decidedAt = Instant.parse(event.path("decidedAt").asText());
        final String canonicalEvent = CanonicalJson.toString(event);
        // kept ⊆ released by construction (resolve walks the released list), so equal sizes mean equal sets.
        final DisclosedEvent disclosed = refs.size() == decision.decision().path("releasedSubjects").size()
                ? new DisclosedEvent(eventId, datasetId, requester, purpose, decidedAt, canonicalEvent, refs,
                        event.path("releasedSubjectsRoot").asText())
                : DisclosedEvent.of(eventId, datasetId, requester, purpose, decidedAt, canonicalEvent, refs);
        session.disclosures().record(disclosed);
    }
}
