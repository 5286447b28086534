package io.custodia.gateway.federation;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.InvalidJsonException;
import io.custodia.canonical.Signatures;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document signed by an institution's identity: {@code {body, certificate, signature}}, the signature
 * being ECDSA P-256/SHA-256 ({@link Signatures}) over the canonical JSON of {@code body}
 * ({@link CanonicalJson}); the body names its own {@code type}, so a signed request can never pass for an
 * answer. Both ends re-encode the body canonically, so the bytes signed and verified are the same.
 */
record Signed(JsonNode body, String certificatePem, String signature) {

    static Signed sign(final SigningIdentity identity, final Object body) {
        final JsonNode tree = CanonicalJson.parse(CanonicalJson.toString(body), JsonNode.class);
        final byte[] signature = Signatures.sign(identity.privateKey(), CanonicalJson.toBytes(tree));
        return new Signed(tree, identity.certificatePem(), Base64.getEncoder().encodeToString(signature));
    }

    /** Parses {@code {body, certificate, signature}} strictly. */
    static Signed parse(final byte[] json) throws FederationException {
        final JsonNode root;
        try {
            root = CanonicalJson.parse(json, JsonNode.class);
        } catch (InvalidJsonException e) {
            throw FederationException.badRequest("not a signed document: " + e.getMessage());
        }
        if (!root.isObject() || root.size() != 3 || !root.path("body").isObject() || !root.path("certificate").isTextual()
                || !root.path("signature").isTextual()) {
            throw FederationException.badRequest("a signed document is {body, certificate, signature}");
        }
        return new Signed(root.get("body"), root.get("certificate").asText(), root.get("signature").asText());
    }

    /**
     * The signer's certificate, after checking that {@code mspId}'s CA issued it to a gateway
     * ({@link CertificateCheck}) and that it signed the body.
     */
    X509Certificate verify(final String mspId, final List<X509Certificate> roots, final Instant now) throws FederationException {
        final X509Certificate certificate;
        try {
            certificate = Signatures.parseCertificate(certificatePem);
        } catch (CertificateException e) {
            throw FederationException.unauthenticated("unusable certificate: " + e.getMessage());
        }
        CertificateCheck.requireInstitution(certificate, roots, mspId, now);
        final byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw FederationException.unauthenticated("the signature is not base64");
        }
        if (!Signatures.verify(certificate, CanonicalJson.toBytes(body), signatureBytes)) {
            throw FederationException.unauthenticated("the signature does not verify");
        }
        return certificate;
    }

    byte[] toBytes() {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("body", body);
        out.put("certificate", certificatePem);
        out.put("signature", signature);
        return CanonicalJson.toBytes(out);
    }
}
