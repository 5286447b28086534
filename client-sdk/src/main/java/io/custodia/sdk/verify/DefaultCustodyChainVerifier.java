package io.custodia.sdk.verify;

import io.custodia.canonical.Signatures;
import io.custodia.sdk.custody.CustodyHop;
import io.custodia.sdk.custody.SignedCustodyHop;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class DefaultCustodyChainVerifier implements CustodyChainVerifier {
    private final long firstSequence;

    DefaultCustodyChainVerifier(final long firstSequence) {
        this.firstSequence = firstSequence;
    }

    @Override
    public ChainVerification verify(final List<SignedCustodyHop> hops) {
        Objects.requireNonNull(hops, "hops");
        if (hops.isEmpty()) {
            throw new IllegalArgumentException("a custody chain has at least one hop");
        }
        SignedCustodyHop previous = null;
        for (int i = 0; i < hops.size(); i++) {
            final SignedCustodyHop current = Objects.requireNonNull(hops.get(i), "hop " + i);
            final Optional<BadHop> bad = check(i, current, previous, hops.get(0).hop().datasetId());
            if (bad.isPresent()) {
                return new ChainVerification(hops.size(), bad, Optional.empty());
            }
            previous = current;
        }
        return new ChainVerification(hops.size(), Optional.empty(), Optional.of(previous.hopHash()));
    }

    private Optional<BadHop> check(final int index, final SignedCustodyHop signed, final SignedCustodyHop previous,
            final String datasetId) {
        final CustodyHop hop = signed.hop();
        final X509Certificate certificate;
        try {
            certificate = Signatures.parseCertificate(signed.senderCertificatePem());
        } catch (CertificateException e) {
            return bad(index, hop, BadHop.Reason.BAD_CERTIFICATE, e.getMessage());
        }
        final byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signed.signatureBase64());
        } catch (IllegalArgumentException e) {
            return bad(index, hop, BadHop.Reason.BAD_SIGNATURE, "signature is not base64");
        }
        if (!Signatures.verify(certificate, hop.statement().signingBytes(), signature)) {
            return bad(index, hop, BadHop.Reason.BAD_SIGNATURE, "signature does not verify with the certificate of "
                    + certificate.getSubjectX500Principal().getName() + " (fingerprint "
                    + Signatures.fingerprint(certificate) + ")");
        }
        if (!hop.datasetId().equals(datasetId)) {
            return bad(index, hop, BadHop.Reason.WRONG_DATASET, "dataset " + hop.datasetId() + ", chain is for " + datasetId);
        }
        final long expectedSequence = previous == null ? firstSequence : previous.hop().sequence() + 1;
        if (hop.sequence() != expectedSequence) {
            return bad(index, hop, BadHop.Reason.BAD_SEQUENCE, "sequence " + hop.sequence() + ", expected " + expectedSequence);
        }
        final String expectedLink = previous == null ? "" : previous.hopHash();
        if (!hop.previousHopHash().equals(expectedLink)) {
            return bad(index, hop, BadHop.Reason.BROKEN_LINK, "previousHopHash " + show(hop.previousHopHash())
                    + ", expected " + show(expectedLink));
        }
        if (previous != null && !CustodyHop.DERIVE.equals(hop.action())
                && !hop.contentHash().equals(previous.hop().contentHash())) {
            return bad(index, hop, BadHop.Reason.CONTENT_DISCONTINUITY, "contentHash " + hop.contentHash()
                    + " after " + previous.hop().contentHash() + " with action " + hop.action() + " (only "
                    + CustodyHop.DERIVE + " may change it)");
        }
        return Optional.empty();
    }

    private static String show(final String hash) {
        return hash.isEmpty() ? "(empty)" : hash;
    }

    private static Optional<BadHop> bad(final int index, final CustodyHop hop, final BadHop.Reason reason,
            final String detail) {
        return Optional.of(new BadHop(index, hop.sequence(), reason, detail));
    }

    static final class DefaultBuilder implements CustodyChainVerifier.Builder {
        private long firstSequence = 1;

        @Override
        public Builder firstSequence(final long sequence) {
            this.firstSequence = sequence;
            return this;
        }

        @Override
        public CustodyChainVerifier build() {
            return new DefaultCustodyChainVerifier(firstSequence);
        }
    }
}
