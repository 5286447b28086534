package io.custodia.chaincode.custody;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A recorded hop with the sender's certificate, so an offline verifier needs nothing else: rebuild
 * {@code CustodyHopStatement.of(...)} from {@code record.hop}, verify {@code record.hop.signature}
 * with {@code certificatePem}, check {@code Signatures.fingerprint(cert) == keyId}, and chain
 * {@code record.hopHash} into the next hop's {@code previousHopHash}.
 *
 * <p>The certificate is resolved from the key record at read time rather than copied into every hop:
 * key records are never deleted (revocation only changes their status), so the certificate is always
 * there, and the hop records stay small.
 */
public final class VerifiableHop {
    private final CustodyHopRecord record;
    private final String certificatePem;
    private final CustodyKeyStatus keyStatus;

    @JsonCreator
    public VerifiableHop(final CustodyHopRecord record, final String certificatePem, final CustodyKeyStatus keyStatus) {
        this.record = record;
        this.certificatePem = certificatePem;
        this.keyStatus = keyStatus;
    }

    public CustodyHopRecord record() {
        return record;
    }

    public String certificatePem() {
        return certificatePem;
    }

    /** The key's status now (a hop signed before revocation stays valid). */
    public CustodyKeyStatus keyStatus() {
        return keyStatus;
    }
}
