package io.custodia.sdk.custody;

import io.custodia.canonical.Signatures;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;

final class DefaultCustodyHopSigner implements CustodyHopSigner {
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final String certificatePem;

    private DefaultCustodyHopSigner(final PrivateKey key, final X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
        this.certificatePem = PemKeyMaterial.toPem(certificate);
    }

    @Override
    public SignedCustodyHop sign(final CustodyHop hop) {
        Objects.requireNonNull(hop, "hop");
        final byte[] signature = Signatures.sign(key, hop.statement().signingBytes());
        return new SignedCustodyHop(hop, Base64.getEncoder().encodeToString(signature), certificatePem);
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public String toString() {
        return "CustodyHopSigner[" + certificate.getSubjectX500Principal().getName() + "]";
    }

    static final class DefaultBuilder implements CustodyHopSigner.Builder {
        private PrivateKey key;
        private X509Certificate certificate;

        @Override
        public Builder privateKey(final PrivateKey key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        @Override
        public Builder certificate(final X509Certificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        @Override
        public CustodyHopSigner build() throws KeyMaterialException {
            if (key == null || certificate == null) {
                throw new KeyMaterialException("both a private key and its certificate are required");
            }
            final byte[] probe = "custodia.key-check".getBytes(StandardCharsets.US_ASCII);
            final byte[] signature;
            try {
                signature = Signatures.sign(key, probe);
            } catch (IllegalArgumentException e) {
                throw new KeyMaterialException("cannot sign with this private key: " + e.getMessage(), e);
            }
            if (!Signatures.verify(certificate, probe, signature)) {
                throw new KeyMaterialException("the private key does not belong to the certificate "
                        + certificate.getSubjectX500Principal().getName());
            }
            return new DefaultCustodyHopSigner(key, certificate);
        }
    }
}
