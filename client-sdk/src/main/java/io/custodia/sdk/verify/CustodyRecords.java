package io.custodia.sdk.verify;

import io.custodia.sdk.client.CustodyChainEntry;
import io.custodia.sdk.client.CustodyHopRecord;
import io.custodia.sdk.client.RecordedHop;
import io.custodia.sdk.custody.CustodyHop;
import io.custodia.sdk.custody.SignedCustodyHop;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns the gateway's custody listing ({@code GET /api/v1/datasets/{id}/custody}) into the
 * {@link SignedCustodyHop}s that {@link CustodyChainVerifier} checks offline, so a chain can be verified
 * without trusting the gateway's own verdict. Also checks that the {@code hopHash} the ledger reports for
 * each hop is the hash of the hop's statement recomputed here.
 *
 * <pre>{@code
 * List<CustodyChainEntry> records = client.custody().fullChain("ds-001");
 * ChainVerification v = CustodyChainVerifier.builder().build().verify(CustodyRecords.toSignedHops(records));
 * }</pre>
 */
public final class CustodyRecords {
    private CustodyRecords() {}

    /**
     * The signed hops in the listing's order.
     *
     * @throws CustodyRecordException when a record has no certificate (nothing to verify against) or
     *     its reported hop hash differs from the recomputed one; the message names the sequence number
     */
    public static List<SignedCustodyHop> toSignedHops(final List<CustodyChainEntry> records) throws CustodyRecordException {
        Objects.requireNonNull(records, "records");
        final List<SignedCustodyHop> hops = new ArrayList<>(records.size());
        for (final CustodyChainEntry entry : records) {
            final CustodyHopRecord record = entry.record();
            final RecordedHop h = record.hop();
            final String certificate = entry.certificatePem();
            if (certificate == null || certificate.isBlank()) {
                throw new CustodyRecordException("hop " + h.sequence()
                        + " has no sender certificate in the listing; cannot verify its signature");
            }
            final SignedCustodyHop signed = new SignedCustodyHop(
                    new CustodyHop(h.datasetId(), h.sequence(), h.previousHopHash(), h.from(), h.to(), h.action(), h.contentHash()),
                    h.signature(), certificate);
            if (record.hopHash() != null && !record.hopHash().equals(signed.hopHash())) {
                throw new CustodyRecordException("hop " + h.sequence() + ": the ledger reports hopHash " + record.hopHash()
                        + ", recomputed " + signed.hopHash());
            }
            hops.add(signed);
        }
        return List.copyOf(hops);
    }
}
