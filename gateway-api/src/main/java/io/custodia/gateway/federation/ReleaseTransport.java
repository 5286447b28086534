package io.custodia.gateway.federation;

/**
 * Carries a signed release request to the dataset owner's gateway and brings back its sealed answer.
 * In-process when this gateway serves the owner too (the embedded default plays every institution):
 * the same signed bytes go through the same {@link ReleaseAuthority}, only without a socket. Otherwise
 * over HTTP to the owner's gateway ({@link HttpReleaseTransport}).
 */
public interface ReleaseTransport {
    /**
     * @return the owner's sealed answer (JWE compact serialisation)
     * @throws FederationException the owner's refusal (4xx), or 5xx when it or its ledger cannot be reached
     */
    String send(String ownerMsp, byte[] signedRequest) throws FederationException;
}
