package io.custodia.sdk.custody;

import io.custodia.canonical.Signatures;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads EC P-256 private keys and X.509 certificates from PEM files.
 *
 * <p>Accepts {@code PRIVATE KEY} (PKCS#8, what Fabric CA writes to {@code keystore/}) and
 * {@code EC PRIVATE KEY} (SEC1, {@code openssl ecparam -genkey}); rejects encrypted keys with a message
 * saying so rather than a parser error.
 *
 * <pre>{@code
 * PrivateKey key = PemKeyMaterial.readPrivateKey(Path.of("msp/keystore/key.pem"));
 * X509Certificate cert = PemKeyMaterial.readCertificate(Path.of("msp/signcerts/cert.pem"));
 * }</pre>
 */
public final class PemKeyMaterial {
    private PemKeyMaterial() {}

    public static PrivateKey readPrivateKey(final Path pemFile) throws KeyMaterialException {
        Objects.requireNonNull(pemFile, "pemFile");
        final Object object;
        try (Reader reader = Files.newBufferedReader(pemFile, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            object = parser.readObject();
        } catch (IOException e) {
            throw new KeyMaterialException("cannot read private key " + pemFile + ": " + e.getMessage(), e);
        }
        final JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(Signatures.PROVIDER);
        final PrivateKey key;
        try {
            if (object instanceof PrivateKeyInfo) {
                key = converter.getPrivateKey((PrivateKeyInfo) object);
            } else if (object instanceof PEMKeyPair) {
                key = converter.getKeyPair((PEMKeyPair) object).getPrivate();
            } else if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new KeyMaterialException(pemFile + " holds an encrypted private key; decrypt it first "
                        + "(openssl pkcs8 -topk8 -nocrypt)");
            } else {
                throw new KeyMaterialException(pemFile + " holds no PEM private key"
                        + (object == null ? "" : " (found " + object.getClass().getSimpleName() + ")"));
            }
        } catch (IOException e) {
            throw new KeyMaterialException("cannot decode private key " + pemFile + ": " + e.getMessage(), e);
        }
        if (!(key instanceof ECPrivateKey) || ((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize() != 256) {
            throw new KeyMaterialException(pemFile + " is not an EC P-256 private key");
        }
        return key;
    }

    public static X509Certificate readCertificate(final Path pemFile) throws KeyMaterialException {
        Objects.requireNonNull(pemFile, "pemFile");
        try {
            return Signatures.parseCertificate(Files.readString(pemFile, StandardCharsets.US_ASCII));
        } catch (IOException | CertificateException e) {
            throw new KeyMaterialException("cannot read certificate " + pemFile + ": " + e.getMessage(), e);
        }
    }

    /** PEM text of a certificate (64-character base64 lines). */
    public static String toPem(final X509Certificate certificate) {
        try {
            final String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }
}
