package io.custodia.gateway.federation;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import io.custodia.canonical.Signatures;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;

/**
 * Confidentiality of an answer on the wire: the owner's signed answer is encrypted to the requester's
 * certificate key as a JWE (RFC 7516; {@code ECDH-ES} key agreement with an ephemeral P-256 key,
 * {@code A256GCM} content encryption; nimbus-jose-jwt). Only the holder of the requesting gateway's
 * private key can read the pointers, whatever carries the bytes (plain HTTP on loopback, a proxy
 * terminating TLS); the signature inside says who wrote them.
 */
final class Sealing {
    static final String CONTENT_TYPE = "custodia-release-answer+json";

    private Sealing() {}

    static String seal(final byte[] plaintext, final X509Certificate recipient) {
        final JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM)
                .contentType(CONTENT_TYPE).build(), new Payload(plaintext));
        try {
            final ECDHEncrypter encrypter = new ECDHEncrypter((ECPublicKey) recipient.getPublicKey());
            // Bouncy Castle's P-256 is several times faster than the JDK's (the ephemeral key and the agreement).
            encrypter.getJCAContext().setProvider(Signatures.PROVIDER);
            jwe.encrypt(encrypter);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot encrypt to the requester's key: " + e.getMessage(), e);
        }
        return jwe.serialize();
    }

    static byte[] open(final String compact, final PrivateKey key) throws FederationException {
        try {
            final JWEObject jwe = JWEObject.parse(compact);
            if (!JWEAlgorithm.ECDH_ES.equals(jwe.getHeader().getAlgorithm())
                    || !EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())) {
                throw new FederationException(502, "federation-bad-answer", "the owner's answer is not ECDH-ES/A256GCM");
            }
            final ECDHDecrypter decrypter = new ECDHDecrypter((ECPrivateKey) key);
            decrypter.getJCAContext().setProvider(Signatures.PROVIDER);
            jwe.decrypt(decrypter);
            return jwe.getPayload().toBytes();
        } catch (ParseException | JOSEException | ClassCastException e) {
            throw new FederationException(502, "federation-bad-answer", "the owner's answer cannot be decrypted: " + e.getMessage());
        }
    }
}
