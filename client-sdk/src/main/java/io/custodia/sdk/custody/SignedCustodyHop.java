package io.custodia.sdk.custody;

import java.util.Objects;

/**
 * A custody hop with the sender's signature over its statement's signing bytes and the sender's
 * certificate: everything needed to verify it offline.
 *
 * <pre>{@code
 * SignedCustodyHop signed = signer.sign(hop);
 * submit(signed.hop(), signed.signatureBase64(), signed.senderCertificatePem());
 * String link = signed.hopHash(); // previousHopHash of the next hop
 * }</pre>
 *
 * @param hop the signed fields
 * @param signatureBase64 base64 of the DER ECDSA P-256/SHA-256 signature over {@code hop.statement().signingBytes()}
 * @param senderCertificatePem the sender's X.509 certificate, PEM
 */
public record SignedCustodyHop(CustodyHop hop, String signatureBase64, String senderCertificatePem) {
    public SignedCustodyHop {
        Objects.requireNonNull(hop, "hop");
        Objects.requireNonNull(signatureBase64, "signatureBase64");
        Objects.requireNonNull(senderCertificatePem, "senderCertificatePem");
    }

    /** Hash linking the next hop to this one. */
    public String hopHash() {
        return hop.statement().hopHash();
    }
}
