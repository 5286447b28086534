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
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;

/**
 * Confidentiality of an answer on the wire: the owner's signed answer is encrypted to the requester's
 * certificate key as a JWE (RFC 7516; {@code ECDH-ES} key agreement with an ephemeral P-256 key,
 * {@code A256GCM} content encryption; nimbus-jose-jwt). Only the holder of the requesting gateway's
 * private key can read the pointers, whatever carries the bytes (plain HTTP on loopback, a proxy
 * terminating TLS); the signature inside says who wrote them.
 */
final class Sealing {
    static final String CONTENT_TYPE = "custodia-release-answer+json";
    private static final X9ECParameters P256 = CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1);
    private static final ECNamedCurveParameterSpec P256_SPEC =
            new ECNamedCurveParameterSpec("P-256", P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

    private Sealing() {}

    static String seal(final byte[] plaintext, final X509Certificate recipient) {
        final JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM)
                .contentType(CONTENT_TYPE).build(), new Payload(plaintext));
        try {
            final ECDHEncrypter encrypter = new ECDHEncrypter(agreementKey(recipient));
            // Bouncy Castle's P-256 is several times faster than the JDK's (the ephemeral key and the agreement).
            encrypter.getJCAContext().setProvider(Signatures.PROVIDER);
            jwe.encrypt(encrypter);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot encrypt to the requester's key: " + e.getMessage(), e);
        }
        return jwe.serialize();
    }

    /**
     * The recipient certificate's key, as the same point under the curve name {@code P-256}. nimbus makes
     * the ephemeral key from the recipient key's parameters, and Bouncy Castle looks their curve up by
     * name: under the certificate's {@code prime256v1} it finds its generic {@code BigInteger} curve, on
     * which the ephemeral key and the agreement took about 1.5 ms per sealed answer; under
     * {@code P-256} its fixed-width one, 5 times faster (docs/benchmarks.md, federation section). The
     * point is decoded on the curve (refused when it is not on it); any other curve is refused.
     */
    static ECPublicKey agreementKey(final X509Certificate recipient) {
        final SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(recipient.getPublicKey().getEncoded());
        if (!SECObjectIdentifiers.secp256r1.equals(info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier oid ? oid : null)) {
            throw new IllegalStateException("cannot encrypt to the requester's key: not a named P-256 key");
        }
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC", Signatures.PROVIDER).generatePublic(
                    new ECPublicKeySpec(P256.getCurve().decodePoint(info.getPublicKeyData().getBytes()), P256_SPEC));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot encrypt to the requester's key: " + e.getMessage(), e);
        }
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
