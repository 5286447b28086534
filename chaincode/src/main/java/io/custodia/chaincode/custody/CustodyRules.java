package io.custodia.chaincode.custody;

import io.custodia.canonical.CustodyHopStatement;
import io.custodia.canonical.Signatures;
import io.custodia.chaincode.support.ErrorCode;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The one place that decides whether a hop continues a custody chain, used when a hop is recorded and
 * again when a whole chain is re-verified, so the two can never disagree.
 *
 * <p>Checks, in order: the signature verifies over the statement's signing bytes with the sender's
 * key; the sequence is the head's plus one and the previous-hop hash is the head's last hop hash; the
 * content hash equals the head's unless the hop derives; the sender currently holds the dataset.
 * Whether the key is registered to the sender (and still active, for a new hop) is checked by the
 * caller, because re-verification accepts keys revoked after they signed.
 */
final class CustodyRules {
    private CustodyRules() {}

    static Optional<Violation> check(final CustodyHead head, final CustodyHop hop, final X509Certificate senderKey) {
        final CustodyHopStatement statement = hop.statement();
        if (!Signatures.verify(senderKey, statement.signingBytes(), hop.signatureBytes())) {
            return violation(ErrorCode.CUSTODY_SIGNATURE_INVALID, "signature-invalid",
                    "signature does not verify with key " + hop.keyId() + " of " + hop.from());
        }
        if (hop.sequence() != head.sequence() + 1) {
            return violation(ErrorCode.CUSTODY_CONTINUITY_BROKEN, "sequence-mismatch",
                    "sequence must be " + (head.sequence() + 1) + ", was " + hop.sequence());
        }
        if (!hop.previousHopHash().equals(head.lastHopHash())) {
            return violation(ErrorCode.CUSTODY_CONTINUITY_BROKEN, "previous-hop-hash-mismatch",
                    "previousHopHash must be \"" + head.lastHopHash() + "\", was \"" + hop.previousHopHash() + "\"");
        }
        if (hop.action() != CustodyAction.DERIVE && !hop.contentHash().equals(head.contentHash())) {
            return violation(ErrorCode.CUSTODY_CONTINUITY_BROKEN, "content-hash-mismatch",
                    "contentHash must be " + head.contentHash() + " (only DERIVE may change it), was " + hop.contentHash());
        }
        if (!head.holders().contains(hop.from())) {
            return violation(ErrorCode.CUSTODY_NOT_HOLDER, "sender-not-holder",
                    hop.from() + " does not hold dataset " + hop.datasetId() + "; holders are " + head.holders());
        }
        return Optional.empty();
    }

    private static Optional<Violation> violation(final ErrorCode code, final String reason, final String message) {
        return Optional.of(new Violation(code, reason, message));
    }
}
