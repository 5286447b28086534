package io.custodia.sdk.custody;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * Signs custody hops with an institution's key: builds the
 * {@link io.custodia.canonical.CustodyHopStatement} and signs exactly its
 * {@link io.custodia.canonical.CustodyHopStatement#signingBytes()} with
 * {@link io.custodia.canonical.Signatures} (ECDSA P-256, SHA-256, DER), the bytes the chaincode verifies.
 *
 * <pre>{@code
 * CustodyHopSigner signer = CustodyHopSigner.fromPemFiles(Path.of("key.pem"), Path.of("cert.pem"));
 * SignedCustodyHop signed = signer.sign(new CustodyHop("ds-001", 1, "", "HospitalAMSP", "HospitalAMSP",
 *         "REGISTER", datasetHash.root()));
 * }</pre>
 */
public interface CustodyHopSigner {
    static Builder builder() {
        return new DefaultCustodyHopSigner.DefaultBuilder();
    }

    /** A signer from a PEM private key file and the PEM certificate it belongs to. */
    static CustodyHopSigner fromPemFiles(final Path privateKeyPem, final Path certificatePem) throws KeyMaterialException {
        return builder()
                .privateKey(PemKeyMaterial.readPrivateKey(privateKeyPem))
                .certificate(PemKeyMaterial.readCertificate(certificatePem))
                .build();
    }

    /** Signs {@code hop}'s statement. */
    SignedCustodyHop sign(CustodyHop hop);

    /** The signer's certificate. */
    X509Certificate certificate();

    /** Configures a {@link CustodyHopSigner}. */
    interface Builder {
        Builder privateKey(PrivateKey key);

        Builder certificate(X509Certificate certificate);

        /**
         * Builds the signer.
         *
         * @throws KeyMaterialException when key or certificate is missing, or the key does not belong
         *     to the certificate (checked by a test signature, so a mismatch fails here, not on the ledger)
         */
        CustodyHopSigner build() throws KeyMaterialException;
    }
}
