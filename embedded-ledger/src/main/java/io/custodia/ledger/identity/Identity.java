package io.custodia.ledger.identity;

import com.google.protobuf.ByteString;
import io.custodia.canonical.Signatures;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * A member of an organisation: MSP ID, X.509 certificate and private key.
 *
 * <p>{@link #serialized()} is the protobuf {@code msp.SerializedIdentity} that Fabric puts in a
 * proposal as the creator, byte for byte, so chaincode reads it through {@code ClientIdentity}
 * unchanged.
 */
public final class Identity {
    private final String mspId;
    private final X509Certificate certificate;
    private final String certificatePem;
    private final PrivateKey privateKey;
    private final byte[] serialized;

    Identity(final String mspId, final X509Certificate certificate, final String certificatePem, final PrivateKey privateKey) {
        this.mspId = Objects.requireNonNull(mspId, "mspId");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.certificatePem = Objects.requireNonNull(certificatePem, "certificatePem");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.serialized = SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFrom(certificatePem, StandardCharsets.UTF_8))
                .build()
                .toByteArray();
    }

    public String mspId() {
        return mspId;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String certificatePem() {
        return certificatePem;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The creator bytes of a proposal: {@code msp.SerializedIdentity{mspid, id_bytes=PEM}}. */
    public byte[] serialized() {
        return serialized.clone();
    }

    /** ECDSA P-256 signature of {@code data} by this identity. */
    public byte[] sign(final byte[] data) {
        return Signatures.sign(privateKey, data);
    }
}
