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
import io.custodia.gateway.federation.Delivery;
import io.custodia.gateway.federation.ReleaseClient;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.http.LedgerJson;
import io.custodia.gateway.ledger.Callers;
import io.custodia.gateway.ledger.Committed;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.store.OffChainStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access flow: the chaincode decides and records the event (PERMIT or DENY) and names the
 * released subjects; for a PERMIT the requester's gateway then asks the dataset owner's gateway for
 * their pointers ({@link ReleaseClient}; in-process when this gateway serves the owner too). The owner
 * hands out only the released subjects it still holds and records the disclosures and a delivery
 * receipt. When the owner cannot be reached the answer is still the committed decision, with the
 * delivery pending: the decision is kept in this gateway's store so {@link #fetchPending} can ask again.
 */
public final class AccessService {
    private static final Logger LOG = LoggerFactory.getLogger(AccessService.class);

    private final LedgerClient ledger;
    private final OffChainStore store;
    private final ReleaseClient releases;
    private final Clock clock;

    public AccessService(final LedgerClient ledger, final OffChainStore store, final ReleaseClient releases, final Clock clock) {
        this.ledger = ledger;
        this.store = store;
        this.releases = releases;
        this.clock = clock;
    }

    /** What the ledger decided: its canonical {@code AccessDecision} (event and released subjectRefs). */
    public record Decision(JsonNode decision) {
        JsonNode event() {
            return decision.path("event");
        }
    }

    /** A decision and the response built from it. */
    public record AccessResult(Decision decision, AccessGrant grant) {}

    /** Submits the request and, for a PERMIT, fetches the released subjects' pointers from the dataset's owner. */
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
        Decision decision;
        try {
            final Committed committed = ledger.submit(Callers.of(principal), "access:RequestAccess",
                    CanonicalJson.toString(body.toChaincode(requestId)));
            decision = new Decision(LedgerJson.tree(committed.payload()));
        } catch (LedgerException.Rejected refused) {
            if (!retry || !"ALREADY_EXISTS".equals(refused.code())) {
                throw refused;
            }
            decision = recorded(principal, body, requestId).orElseThrow(() -> refused);
        }
        final AccessGrant grant = resolve(decision);
        LOG.info("access event {} on dataset {} by {}: {}, {} subjects delivered, {} without pointers, delivery {}",
                decision.event().path("eventId").asText(), decision.event().path("datasetId").asText(),
                principal.institution(), decision.event().path("decision").asText(), grant.subjects().size(),
                grant.subjectsWithoutPointers(), grant.delivery() == null ? "none" : grant.delivery().status());
        return new AccessResult(decision, grant);
    }

    /**
     * The response for a recorded decision, fetched from the owner as things are now: a replay after an
     * erasure no longer hands out the erased subject's pointers.
     */
    public AccessGrant resolve(final Decision decision) {
        if (!isPermit(decision)) {
            return new AccessGrant(decision.event(), null, List.of(), 0, null);
        }
        final Delivery delivery = releases.fetch(decision.decision());
        final String eventId = decision.event().path("eventId").asText();
        if (delivery.status() == Delivery.Status.PENDING) {
            store.federation().savePending(eventId, decision.event().path("requester").asText(),
                    CanonicalJson.toBytes(decision.decision()), clock.instant());
        }
        return grant(decision, delivery);
    }

    /**
     * {@code POST /api/v1/access-requests/{requestId}/delivery}: asks the owner again for a PERMIT of
     * {@code principal}'s institution whose delivery is pending; 404 when there is none.
     */
    public AccessGrant fetchPending(final Principal principal, final String requestId) {
        final byte[] stored = store.federation().pendingDecision(requestId, principal.institution())
                .orElseThrow(() -> ApiException.notFound());
        final AccessGrant grant = resolve(new Decision(LedgerJson.tree(stored)));
        if (!grant.pending()) {
            store.federation().deletePending(requestId);
        }
        return grant;
    }

    /**
     * The decision the ledger recorded for {@code requestId}, if it is this caller's and this request's.
     * The released subjects come from the transaction's committed response where the backend can read it
     * back (the embedded ledger); else the set is rebuilt and accepted only when its root is the event's
     * (the event commits to it by count and Merkle root only): the dataset's subjects in this store, else
     * the subjects the ledger would release now (an evaluated, uncommitted decision under another id). When
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
        // The committed response names the released subjects (the block stores it, as Fabric's does):
        // the exact answer, whatever consents changed since.
        final Optional<byte[]> response = ledger.committedResponse(event.path("txId").asText());
        if (response.isPresent()) {
            final List<String> committed = new ArrayList<>();
            LedgerJson.tree(response.get()).path("releasedSubjects").forEach(n -> committed.add(n.asText()));
            if (committed.size() == released && MerkleTree.rootOfStringSet(committed).equals(root)) {
                return Optional.of(decisionOf(event, committed));
            }
        }
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

    private static boolean isPermit(final Decision decision) {
        return "PERMIT".equals(decision.event().path("decision").asText()) && decision.decision().path("releasedSubjects").size() > 0;
    }

    /** The response: the delivered subjects with pointers, in the ledger's order. */
    private static AccessGrant grant(final Decision decision, final Delivery delivery) {
        final List<ReleasedSubject> subjects = new ArrayList<>(delivery.pointersBySubject().size());
        for (final JsonNode ref : decision.decision().path("releasedSubjects")) {
            final List<String> found = delivery.pointersBySubject().get(ref.asText());
            if (found != null) {
                subjects.add(new ReleasedSubject(ref.asText(), found));
            }
        }
        return new AccessGrant(decision.event(), delivery.storageUri(), subjects, delivery.erasedSinceDecision().size(),
                AccessGrant.DeliveryView.of(delivery));
    }
}
