package io.custodia.sdk.client;

import java.util.Objects;
import java.util.Optional;

/**
 * A recorded custody hop: the signed hop, the hash the ledger computed for it, when and in which
 * transaction, and (in {@code GET .../custody} listings) the sender's certificate, so the chain can be
 * re-verified offline with {@code io.custodia.sdk.verify.CustodyRecords}.
 *
 * <pre>{@code
 * Page<CustodyHopRecord> hops = client.custody().chain("ds-001", PageRequest.first());
 * ChainVerification v = CustodyChainVerifier.builder().build().verify(CustodyRecords.toSignedHops(hops.items()));
 * }</pre>
 *
 * @param hop signed fields
 * @param hopHash the ledger's hash of the hop statement
 * @param recordedAt ledger time
 * @param txId recording transaction
 * @param certificatePem sender's certificate, when the answer includes it
 */
public record CustodyHopRecord(RecordedHop hop, String hopHash, String recordedAt, String txId,
        Optional<String> certificatePem) {
    public CustodyHopRecord {
        Objects.requireNonNull(hop, "hop");
        certificatePem = certificatePem == null ? Optional.empty() : certificatePem;
    }
}
