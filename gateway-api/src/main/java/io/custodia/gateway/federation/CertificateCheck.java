package io.custodia.gateway.federation;

import io.custodia.canonical.Signatures;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1OctetString;

/**
 * Is this certificate an identity of that institution, acting as its gateway? As Fabric's MSP decides
 * membership: the certificate is signed by one of the MSP's CA certificates and valid now (the CA too);
 * and, as the chaincode decides roles, it carries the Fabric-CA attribute {@code custodia.role =
 * institution} (an auditor's or a peer's certificate of the same CA is refused).
 */
final class CertificateCheck {
    static final String ATTRIBUTE_OID = "1.2.3.4.5.6.7.8.1";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private CertificateCheck() {}

    static void requireInstitution(final X509Certificate certificate, final List<X509Certificate> roots, final String mspId,
            final Instant now) throws FederationException {
        if (roots.isEmpty()) {
            throw FederationException.unauthenticated("no trust roots are configured for " + mspId);
        }
        final Date at = Date.from(now);
        boolean chained = false;
        for (final X509Certificate root : roots) {
            if (!root.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                continue;
            }
            try {
                certificate.verify(root.getPublicKey(), Signatures.PROVIDER);
                root.checkValidity(at);
                chained = true;
                break;
            } catch (GeneralSecurityException e) {
                // Another root may have the same name; a certificate no root signed is refused below.
            }
        }
        if (!chained) {
            throw FederationException.unauthenticated("the certificate was not issued by a CA of " + mspId);
        }
        try {
            certificate.checkValidity(at);
        } catch (GeneralSecurityException e) {
            throw FederationException.unauthenticated("the certificate is not valid now");
        }
        if (!"institution".equals(role(certificate))) {
            throw FederationException.unauthenticated("the certificate does not carry custodia.role=institution");
        }
    }

    /** The {@code custodia.role} attribute: Fabric CA writes raw JSON {@code {"attrs":{...}}} as the extension value. */
    private static String role(final X509Certificate certificate) {
        final byte[] extension = certificate.getExtensionValue(ATTRIBUTE_OID);
        if (extension == null) {
            return null;
        }
        try {
            final byte[] json = ASN1OctetString.getInstance(extension).getOctets();
            @SuppressWarnings("unchecked")
            final Map<String, Object> root = JSON.readValue(new String(json, StandardCharsets.UTF_8), Map.class);
            final Object attrs = root.get("attrs");
            return attrs instanceof Map<?, ?> map && map.get("custodia.role") instanceof String role ? role : null;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }
}
