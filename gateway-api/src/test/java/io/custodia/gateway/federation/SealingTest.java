package io.custodia.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.canonical.Signatures;
import io.custodia.ledger.identity.CertificateAuthority;
import io.custodia.ledger.identity.Identity;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.jce.spec.ECNamedCurveSpec;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Curve;
import org.junit.jupiter.api.Test;

class SealingTest {
    private static final Identity REQUESTER = CertificateAuthority.create("Org2MSP")
            .issue("gateway-institution", Map.of("custodia.role", "institution"));
    private static final Identity OTHER = CertificateAuthority.create("Org3MSP")
            .issue("gateway-institution", Map.of("custodia.role", "institution"));

    /** As the owner has it: parsed from the PEM in the signed request. */
    private static X509Certificate certificateOf(final Identity identity) throws Exception {
        return Signatures.parseCertificate(identity.certificatePem());
    }

    @Test
    void anAnswerIsSealedToTheCertificatesPointOnTheFixedWidthP256Curve() throws Exception {
        final X509Certificate certificate = certificateOf(REQUESTER);

        final ECPublicKey key = Sealing.agreementKey(certificate);

        assertThat(key.getW()).isEqualTo(((ECPublicKey) certificate.getPublicKey()).getW());
        // nimbus generates the ephemeral key from these parameters, and Bouncy Castle looks their curve up by
        // name: under the certificate's "prime256v1" it finds its generic BigInteger curve (5x slower ECDH).
        final String curveName = ((ECNamedCurveSpec) key.getParams()).getName();
        assertThat(ECUtil.getNamedCurveByName(curveName).getCurve()).isInstanceOf(SecP256R1Curve.class);
    }

    @Test
    void aSealedAnswerOpensWithTheRequestersKeyOnly() throws Exception {
        final byte[] answer = "{\"type\":\"answer\"}".getBytes(StandardCharsets.UTF_8);

        final String sealed = Sealing.seal(answer, certificateOf(REQUESTER));

        assertThat(Sealing.open(sealed, REQUESTER.privateKey())).isEqualTo(answer);
        assertThatThrownBy(() -> Sealing.open(sealed, OTHER.privateKey())).isInstanceOf(FederationException.class);
    }
}
