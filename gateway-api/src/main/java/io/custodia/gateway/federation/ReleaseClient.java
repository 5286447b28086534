package io.custodia.gateway.federation;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.canonical.Hashes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requester's side: after the ledger committed a PERMIT, asks the dataset owner's gateway for the
 * released subjects' pointers with a request signed by the requesting institution's identity, then
 * opens the sealed answer with that identity's key and checks that the owner signed it (its MSP's CA,
 * its gateway role), for this event and this request's nonce, and that it holds only released subjects.
 */
public final class ReleaseClient {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseClient.class);
    /**
     * Waits before asking again when the owner's peer has not committed the PERMIT yet: a Fabric block
     * reaches the other institution's peer within one orderer batch (1 s by default) plus gossip.
     */
    private static final long[] NOT_COMMITTED_BACKOFF_MS = {250, 500, 1000};

    private final InstitutionKeys keys;
    private final ReleaseTransport transport;
    private final Clock clock;
    private final SecureRandom random;
    private final int retryAfterSeconds;

    public ReleaseClient(final InstitutionKeys keys, final ReleaseTransport transport, final Clock clock,
            final SecureRandom random, final int retryAfterSeconds) {
        this.keys = keys;
        this.transport = transport;
        this.clock = clock;
        this.random = random;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * Fetches the pointers of a PERMIT.
     *
     * @param decision the ledger's {@code AccessDecision}: {@code {event, releasedSubjects}}
     */
    public Delivery fetch(final JsonNode decision) {
        final JsonNode event = decision.path("event");
        final String requester = event.path("requester").asText();
        final String owner = event.path("datasetOwner").asText();
        final List<String> released = new ArrayList<>();
        decision.path("releasedSubjects").forEach(n -> released.add(n.asText()));
        final SigningIdentity self = keys.signer(requester);
        FederationException last = null;
        for (int attempt = 0; attempt < NOT_COMMITTED_BACKOFF_MS.length + 1; attempt++) {
            if (attempt > 0 && !pause(NOT_COMMITTED_BACKOFF_MS[attempt - 1])) {
                break;
            }
            // A fresh nonce and issue time per attempt: the owner refuses any request it has seen.
            final ReleaseRequest request = new ReleaseRequest(event.path("eventId").asText(), event.path("datasetId").asText(),
                    requester, owner, nonce(), clock.instant(), released);
            try {
                final String sealed = transport.send(owner, Signed.sign(self, request.toBody()).toBytes());
                return accept(request, Signed.parse(Sealing.open(sealed, self.privateKey())));
            } catch (FederationException e) {
                last = e;
                // Only the owner's peer lagging behind ours is worth asking again at once.
                if (!ReleaseAuthority.EVENT_NOT_COMMITTED.equals(e.slug())) {
                    break;
                }
            }
        }
        LOG.warn("delivery of access event {} from {} {}: {} ({})", event.path("eventId").asText(), owner,
                last.retryable() ? "pending" : "refused", last.slug(), last.getMessage());
        return last.retryable() ? Delivery.pending(retryAfterSeconds, last.getMessage()) : Delivery.refused(last.getMessage());
    }

    private String nonce() {
        final byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Hashes.hex(bytes);
    }

    private static boolean pause(final long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Delivery accept(final ReleaseRequest request, final Signed signed) throws FederationException {
        signed.verify(request.audience(), keys.trustRoots(request.audience()), clock.instant());
        final JsonNode answer = signed.body();
        if (!ReleaseAuthority.ANSWER_TYPE.equals(answer.path("type").asText())
                || !request.eventId().equals(answer.path("eventId").asText())
                || !request.nonce().equals(answer.path("requestNonce").asText())
                || !request.requester().equals(answer.path("recipient").asText())
                || !request.audience().equals(answer.path("owner").asText())) {
            throw new FederationException(502, "federation-bad-answer", "the owner's answer is not the answer to this request");
        }
        final Set<String> released = new HashSet<>(request.releasedSubjects());
        final Map<String, List<String>> bySubject = new LinkedHashMap<>();
        for (final JsonNode subject : answer.path("subjects")) {
            final String ref = subject.path("subjectRef").asText();
            if (!released.contains(ref)) {
                throw new FederationException(502, "federation-bad-answer", "the owner's answer holds a subject that was not released");
            }
            final List<String> pointers = new ArrayList<>();
            subject.path("pointers").forEach(p -> pointers.add(p.asText()));
            bySubject.put(ref, pointers);
        }
        final List<String> erased = new ArrayList<>();
        answer.path("erasedSinceDecision").path("subjectRefs").forEach(n -> erased.add(n.asText()));
        final Instant now = clock.instant();
        LOG.info("access event {} delivered by {} at {}: {} subjects, {} erased since the decision", request.eventId(),
                request.audience(), now, bySubject.size(), erased.size());
        return new Delivery(Delivery.Status.DELIVERED, answer.path("storageUri").isTextual() ? answer.get("storageUri").asText() : null,
                bySubject, erased, answer.path("receipt"), null, null);
    }
}
