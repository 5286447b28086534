package io.custodia.sdk.client;

import java.util.Objects;

/**
 * One hop of a {@code GET .../custody} listing: the recorded hop with its sender's certificate and the
 * key's current status, everything needed to re-verify the chain offline with
 * {@code io.custodia.sdk.verify.CustodyRecords} and {@code CustodyChainVerifier}.
 *
 * <pre>{@code
 * List<CustodyChainEntry> chain = client.custody().fullChain("ds-001");
 * ChainVerification v = CustodyChainVerifier.builder().build().verify(CustodyRecords.toSignedHops(chain));
 * }</pre>
 *
 * @param record the recorded hop
 * @param certificatePem the sender's certificate (of the hop's {@code keyId})
 * @param keyStatus {@code ACTIVE} or {@code REVOKED} now
 */
public record CustodyChainEntry(CustodyHopRecord record, String certificatePem, String keyStatus) {
    public CustodyChainEntry {
        Objects.requireNonNull(record, "record");
    }
}
