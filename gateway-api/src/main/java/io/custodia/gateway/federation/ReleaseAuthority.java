package io.custodia.gateway.federation;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.chaincode.support.SetRoots;
import io.custodia.gateway.http.LedgerJson;
import io.custodia.gateway.ledger.Committed;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.store.OffChainStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dataset owner's side of {@code POST /federation/v1/releases}. It releases nothing on the caller's
 * word: the request must be signed by a gateway identity that the requester MSP's CA issued, be meant
 * for this owner, fresh and never seen; the access event is read from this institution's own ledger
 * view and must be a committed PERMIT for that requester and dataset, owned here, decided within the
 * validity window; the released subjects in the request must be the event's (count and Merkle root).
 * Then it hands out only the ones it still holds, records the disclosures and a delivery receipt on
 * the ledger (before answering, so nothing is delivered off the record), and answers signed by the
 * owner and encrypted to the requester's certificate key.
 */
public final class ReleaseAuthority {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseAuthority.class);
    static final String ANSWER_TYPE = "custodia.federation.release-answer.v1";
    /** Problem slug of an event the owner's ledger view does not hold (yet). */
    static final String EVENT_NOT_COMMITTED = "event-not-committed";

    private final LedgerClient ledger;
    private final InstitutionKeys keys;
    private final HeldPointers pointers;
    private final Duration validity;
    private final Duration clockSkew;
    private final Clock clock;

    public ReleaseAuthority(final LedgerClient ledger, final OffChainStore store, final InstitutionKeys keys,
            final Duration validity, final Duration clockSkew, final Clock clock) {
        this.ledger = ledger;
        this.keys = keys;
        this.pointers = new HeldPointers(store);
        this.validity = validity;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    /**
     * Checks and answers one signed release request.
     *
     * @return the JWE (compact serialisation) of the owner's signed answer, for the requester only
     */
    public String release(final byte[] body) throws FederationException {
        final Signed signed = Signed.parse(body);
        final ReleaseRequest request = ReleaseRequest.fromBody(signed.body());
        final Instant now = clock.instant();
        if (!keys.serves(request.audience())) {
            throw FederationException.notEntitled("this gateway does not serve " + request.audience());
        }
        final X509Certificate requesterCert = signed.verify(request.requester(), keys.trustRoots(request.requester()), now);
        if (request.issuedAt().isBefore(now.minus(clockSkew)) || request.issuedAt().isAfter(now.plus(clockSkew))) {
            throw FederationException.unauthenticated("issuedAt " + request.issuedAt() + " is more than " + clockSkew.toSeconds()
                    + " s from this gateway's clock");
        }
        final JsonNode event = committedEvent(request);
        requireEntitled(request, event, now);

        // Claimed after the signature, so unauthenticated callers cannot fill the store, and kept as long
        // as the request could be fresh; in the transaction that releases, so a replay releases nothing.
        final HeldPointers.Held held;
        try {
            held = pointers.releaseAndRecord(event, request.releasedSubjects(),
                    new HeldPointers.Nonce(request.requester(), request.nonce(), request.issuedAt().plus(clockSkew), now));
        } catch (HeldPointers.Replayed e) {
            throw FederationException.unauthenticated("nonce " + request.nonce() + " was already used: a replay");
        }
        final JsonNode receipt = recordDelivery(request, held);
        final Map<String, Object> answer = answer(request, held, receipt);
        LOG.info("released access event {} of dataset {} to {}: {} subjects delivered, {} erased since the decision",
                request.eventId(), request.datasetId(), request.requester(), held.bySubject().size(), held.withheld().size());
        final Signed signedAnswer = Signed.sign(keys.signer(request.audience()), answer);
        return Sealing.seal(signedAnswer.toBytes(), requesterCert);
    }

    /** The event as this institution's ledger view has it committed (an evaluate reads committed state only). */
    private JsonNode committedEvent(final ReleaseRequest request) throws FederationException {
        try {
            return LedgerJson.tree(ledger.evaluate(LedgerCaller.institution(request.audience()), "access:GetAccessEvent",
                    request.eventId()));
        } catch (LedgerException.Rejected e) {
            if ("NOT_FOUND".equals(e.code())) {
                throw notCommittedHere(request);
            }
            throw FederationException.notEntitled("the access event " + request.eventId() + " cannot be read: " + e.code());
        } catch (LedgerException e) {
            throw new FederationException(503, "ledger-unavailable", "the owner's ledger cannot be read now: " + e.getMessage());
        }
    }

    /**
     * The event is not on this institution's ledger view. On Fabric the requester's peer may have
     * committed the PERMIT a moment before this institution's peer does, so this is retryable (503):
     * the requester asks again. A forged or someone else's event ID gets the same answer and nothing.
     */
    private static FederationException notCommittedHere(final ReleaseRequest request) {
        return new FederationException(503, EVENT_NOT_COMMITTED, "no access event " + request.eventId()
                + " of this requester is committed on " + request.audience() + "'s ledger view (yet)");
    }

    private void requireEntitled(final ReleaseRequest request, final JsonNode event, final Instant now) throws FederationException {
        if (!request.requester().equals(event.path("requester").asText())) {
            // Someone else's event looks exactly like a missing one.
            LOG.warn("release request by {} for access event {} requested by another institution", request.requester(), request.eventId());
            throw notCommittedHere(request);
        }
        final List<String> problems = new ArrayList<>();
        if (!"PERMIT".equals(event.path("decision").asText())) {
            problems.add("the event is a " + event.path("decision").asText() + ", not a PERMIT");
        }
        if (!request.datasetId().equals(event.path("datasetId").asText())) {
            problems.add("the event is about another dataset");
        }
        if (!request.audience().equals(event.path("datasetOwner").asText())) {
            problems.add("the dataset is not owned by " + request.audience());
        }
        final Instant decidedAt = Instant.parse(event.path("decidedAt").asText());
        if (decidedAt.plus(validity).isBefore(now)) {
            problems.add("the event was decided at " + decidedAt + ", longer ago than the release window of " + validity);
        }
        final List<String> released = request.releasedSubjects();
        if (released.size() != event.path("subjectsReleased").asLong() || new TreeSet<>(released).size() != released.size()
                || !SetRoots.rootOfStringSet(released).equals(event.path("releasedSubjectsRoot").asText())) {
            problems.add("releasedSubjects are not the event's released set (count and Merkle root)");
        }
        if (!problems.isEmpty()) {
            throw FederationException.notEntitled(String.join("; ", problems));
        }
    }

    /** The delivery receipt on the ledger: one per event; a repeat returns the first. */
    private JsonNode recordDelivery(final ReleaseRequest request, final HeldPointers.Held held) throws FederationException {
        final List<String> delivered = new ArrayList<>(held.bySubject().keySet());
        final Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("eventId", request.eventId());
        delivery.put("recipient", request.requester());
        delivery.put("subjectsDelivered", delivered.size());
        delivery.put("deliveredSubjectsRoot", SetRoots.rootOfStringSet(delivered));
        try {
            final Committed committed = ledger.submit(LedgerCaller.institution(request.audience()), "access:RecordDelivery",
                    CanonicalJson.toString(delivery));
            return LedgerJson.tree(committed.payload());
        } catch (LedgerException e) {
            throw new FederationException(503, "ledger-unavailable", "the delivery receipt could not be recorded: " + e.getMessage());
        }
    }

    private static Map<String, Object> answer(final ReleaseRequest request, final HeldPointers.Held held, final JsonNode receipt) {
        final Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("type", ANSWER_TYPE);
        answer.put("eventId", request.eventId());
        answer.put("datasetId", request.datasetId());
        answer.put("owner", request.audience());
        answer.put("recipient", request.requester());
        answer.put("requestNonce", request.nonce());
        if (held.storageUri() != null && !held.bySubject().isEmpty()) {
            answer.put("storageUri", held.storageUri());
        }
        final List<Map<String, Object>> subjects = new ArrayList<>();
        held.bySubject().forEach((ref, list) -> subjects.add(Map.of("subjectRef", ref, "pointers", list)));
        answer.put("subjects", subjects);
        answer.put("erasedSinceDecision", Map.of("count", held.withheld().size(), "subjectRefs", held.withheld()));
        answer.put("receipt", receipt);
        return answer;
    }
}
