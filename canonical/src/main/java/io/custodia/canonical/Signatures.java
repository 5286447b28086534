package io.custodia.canonical;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * ECDSA P-256 with SHA-256 (DER-encoded signatures), the algorithm of Fabric identities, through
 * Bouncy Castle, which is several times faster than the JDK's EC implementation.
 *
 * <pre>{@code
 * byte[] sig = Signatures.sign(privateKey, statement.signingBytes());
 * boolean ok = Signatures.verify(certificate, statement.signingBytes(), sig);
 * }</pre>
 */
public final class Signatures {
    public static final String ALGORITHM = "SHA256withECDSA";

    /** One provider instance; never registered globally so we do not change other code's JCA. */
    public static final Provider PROVIDER = new BouncyCastleProvider();

    private Signatures() {}

    public static byte[] sign(final PrivateKey key, final byte[] data) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        try {
            final Signature signature = Signature.getInstance(ALGORITHM, PROVIDER);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signature} is a valid signature of {@code data} by {@code key}; never throws on bad input. */
    public static boolean verify(final PublicKey key, final byte[] data, final byte[] signature) {
        Objects.requireNonNull(key, "key");
        if (data == null || signature == null) {
            return false;
        }
        try {
            final Signature verifier = Signature.getInstance(ALGORITHM, PROVIDER);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static boolean verify(final X509Certificate certificate, final byte[] data, final byte[] signature) {
        return verify(certificate.getPublicKey(), data, signature);
    }

    /** Parses one PEM certificate; only EC P-256 keys are accepted. */
    public static X509Certificate parseCertificate(final String pem) throws CertificateException {
        if (pem == null || pem.isBlank()) {
            throw new CertificateException("certificate PEM is empty");
        }
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            final PemObject object = reader.readPemObject();
            if (object == null || !"CERTIFICATE".equals(object.getType())) {
                throw new CertificateException("not a PEM certificate");
            }
            final CertificateFactory factory = CertificateFactory.getInstance("X.509", PROVIDER);
            final X509Certificate cert =
                    (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(object.getContent()));
            if (!(cert.getPublicKey() instanceof ECPublicKey)
                    || ((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize() != 256) {
                throw new CertificateException("certificate key must be EC P-256");
            }
            return cert;
        } catch (IOException e) {
            throw new CertificateException("unreadable PEM: " + e.getMessage(), e);
        }
    }

    /** Key identifier of a certificate: lower-case hex SHA-256 of its DER encoding. */
    public static String fingerprint(final X509Certificate certificate) {
        try {
            return Hashes.sha256Hex(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }
}
