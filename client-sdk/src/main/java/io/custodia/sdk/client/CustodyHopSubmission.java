package io.custodia.sdk.client;

import java.util.Objects;

/**
 * Body of {@code POST /api/v1/datasets/{id}/custody-hops}: a hop's fields, the sender's key ID and the
 * signature over the hop statement's signing bytes ({@code docs/hashing.md} §4).
 *
 * <pre>{@code
 * SignedCustodyHop signed = signer.sign(hop);
 * client.custody().recordHop(CustodyHopSubmission.of(signed, keyId));
 * }</pre>
 *
 * @param sequence position in the chain
 * @param previousHopHash previous hop's hash, empty for the first
 * @param from sender MSP ID
 * @param to receiver MSP ID
 * @param action {@code TRANSFER}, {@code COPY}, {@code DERIVE} or {@code DELETE}
 * @param contentHash content hash at this hop
 * @param keyId registered key of the sender
 * @param signature base64 DER ECDSA signature
 */
public record CustodyHopSubmission(long sequence, String previousHopHash, String from, String to, String action,
        String contentHash, String keyId, String signature) {
    public CustodyHopSubmission {
        previousHopHash = previousHopHash == null ? "" : previousHopHash;
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
    }

    /** The submission of a hop signed with the SDK's {@code CustodyHopSigner}. */
    public static CustodyHopSubmission of(final io.custodia.sdk.custody.SignedCustodyHop signed, final String keyId) {
        final io.custodia.sdk.custody.CustodyHop hop = signed.hop();
        return new CustodyHopSubmission(hop.sequence(), hop.previousHopHash(), hop.from(), hop.to(), hop.action(),
                hop.contentHash(), keyId, signed.signatureBase64());
    }
}
