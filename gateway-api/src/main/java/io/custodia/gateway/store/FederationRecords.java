package io.custodia.gateway.store;

import java.time.Instant;
import java.util.Optional;

/**
 * What pointer release between institutions keeps off-chain: on the owner's side the nonces of accepted
 * release requests (replay protection), on the requester's side the decisions still awaiting delivery.
 */
public interface FederationRecords {
    /**
     * Records {@code nonce} of {@code requester} until {@code expiresAt}, after dropping nonces expired
     * at {@code now}.
     *
     * @return true if it was new; false if it was seen before (a replay)
     */
    boolean claimNonce(String requester, String nonce, Instant expiresAt, Instant now);

    /** Keeps (or replaces) the ledger's decision of a PERMIT whose delivery is pending. */
    void savePending(String eventId, String requester, byte[] decision, Instant createdAt);

    /** The pending decision of {@code eventId} requested by {@code requester}. */
    Optional<byte[]> pendingDecision(String eventId, String requester);

    /** Forgets a pending decision (delivered). */
    void deletePending(String eventId);
}
