package io.custodia.sdk.client;

import java.util.Objects;

/**
 * A recorded custody hop: the signed hop, the hash the ledger computed for it, when and in which
 * transaction (answer of {@code POST .../custody-hops}).
 *
 * <pre>{@code
 * CustodyHopRecord r = client.custody().recordHop("ds-001", submission);
 * String next = r.hopHash(); // previousHopHash of the next hop
 * }</pre>
 *
 * @param hop signed fields
 * @param hopHash the ledger's hash of the hop statement
 * @param recordedAt ledger time
 * @param txId recording transaction
 */
public record CustodyHopRecord(RecordedHop hop, String hopHash, String recordedAt, String txId) {
    public CustodyHopRecord {
        Objects.requireNonNull(hop, "hop");
    }
}
