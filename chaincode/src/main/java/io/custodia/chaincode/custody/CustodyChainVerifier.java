package io.custodia.chaincode.custody;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Signatures;
import io.custodia.chaincode.dataset.DatasetRecord;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Re-walks a dataset's whole custody chain from its implicit start (owner holds the registered
 * content) and re-checks every hop with {@link CustodyRules}, the stored hop hashes, that each key is
 * registered to its hop's sender, and finally that the stored head is the one the walk arrives at.
 *
 * <p>{@code firstInvalidSequence} is the position of the failing hop in the chain (its key order), which
 * is the hop's sequence for every chain the chaincode wrote.
 *
 * <p>Key revocation does not invalidate earlier hops, so revoked keys are accepted here; only a key
 * that is not registered to the sender at all fails.
 */
final class CustodyChainVerifier {
    private final CustodyRepository custody;

    CustodyChainVerifier(final CustodyRepository custody) {
        this.custody = custody;
    }

    ChainVerification verify(final DatasetRecord dataset) {
        final String datasetId = dataset.datasetId();
        final List<CustodyHopRecord> hops = custody.allHops(datasetId);
        final long count = hops.size();
        final TreeMap<String, Optional<X509Certificate>> certificates = new TreeMap<>();
        CustodyHead head = CustodyHead.initial(datasetId, dataset.owner(), dataset.descriptor().contentHash().root());
        long sequence = 0;
        for (final CustodyHopRecord record : hops) {
            final CustodyHop hop = record.hop();
            // Report the position in the chain, not the record's own claim, which may be what is wrong.
            sequence++;
            if (!hop.datasetId().equals(datasetId)) {
                return ChainVerification.invalid(datasetId, count, sequence, "dataset-mismatch");
            }
            final Optional<X509Certificate> certificate = certificates.computeIfAbsent(
                    hop.from() + "/" + hop.keyId(),
                    k -> custody.key(hop.from(), hop.keyId()).map(CustodyRepository::certificate)
                            .filter(c -> Signatures.fingerprint(c).equals(hop.keyId())));
            if (certificate.isEmpty()) {
                return ChainVerification.invalid(datasetId, count, sequence, "key-unknown");
            }
            final Optional<Violation> violation = CustodyRules.check(head, hop, certificate.get());
            if (violation.isPresent()) {
                return ChainVerification.invalid(datasetId, count, sequence, violation.get().reason());
            }
            final String hopHash = hop.statement().hopHash();
            if (!hopHash.equals(record.hopHash())) {
                return ChainVerification.invalid(datasetId, count, sequence, "hop-hash-mismatch");
            }
            head = head.after(hop, hopHash);
        }
        final Optional<CustodyHead> stored = custody.head(datasetId);
        final boolean headMatches = hops.isEmpty()
                ? stored.isEmpty()
                : stored.isPresent() && CanonicalJson.toString(stored.get()).equals(CanonicalJson.toString(head));
        return headMatches
                ? ChainVerification.valid(datasetId, count)
                : ChainVerification.invalid(datasetId, count, null, "head-mismatch");
    }
}
