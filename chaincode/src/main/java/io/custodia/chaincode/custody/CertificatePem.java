package io.custodia.chaincode.custody;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * The one PEM form stored for a certificate (64-character lines, {@code \n} line ends), so the same
 * certificate always gives the same stored bytes whatever line ends or wrapping the client sent.
 */
final class CertificatePem {
    private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private CertificatePem() {}

    static String of(final X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + ENCODER.encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }
}
