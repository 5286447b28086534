package io.custodia.gateway.federation;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** An institution's X.509 identity (the one it submits to the ledger with): MSP ID, certificate, PEM, key. */
public record SigningIdentity(String mspId, X509Certificate certificate, String certificatePem, PrivateKey privateKey) {
    public SigningIdentity {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public String toString() {
        return "SigningIdentity[" + mspId + "]";
    }
}
