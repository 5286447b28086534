package io.custodia.chaincode.custody;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * An institution's custody signing key as stored on the ledger: the certificate (normalised PEM), its
 * fingerprint as key ID, the owning organisation and the key's lifecycle.
 *
 * <p>Only certificates of institutional signing keys belong here. The chaincode never reads the
 * certificate's subject or matches it against anything: the binding that matters is "this key signs
 * for this MSP", established by the institution's own authenticated registration.
 */
public final class CustodyKeyRecord {
    private final String keyId;
    private final String owner;
    private final String certificatePem;
    private final CustodyKeyStatus status;
    private final String registeredAt;
    private final String registeredTxId;
    private final String revokedAt;
    private final String revokedTxId;

    @JsonCreator
    public CustodyKeyRecord(final String keyId, final String owner, final String certificatePem,
            final CustodyKeyStatus status, final String registeredAt, final String registeredTxId,
            final String revokedAt, final String revokedTxId) {
        this.keyId = keyId;
        this.owner = owner;
        this.certificatePem = certificatePem;
        this.status = status;
        this.registeredAt = registeredAt;
        this.registeredTxId = registeredTxId;
        this.revokedAt = revokedAt;
        this.revokedTxId = revokedTxId;
    }

    CustodyKeyRecord revoked(final String at, final String txId) {
        return new CustodyKeyRecord(keyId, owner, certificatePem, CustodyKeyStatus.REVOKED, registeredAt, registeredTxId, at, txId);
    }

    /** Hex SHA-256 of the certificate's DER encoding ({@code Signatures.fingerprint}). */
    public String keyId() {
        return keyId;
    }

    /** MSP ID of the organisation the key signs for. */
    public String owner() {
        return owner;
    }

    public String certificatePem() {
        return certificatePem;
    }

    public CustodyKeyStatus status() {
        return status;
    }

    public boolean isActive() {
        return status == CustodyKeyStatus.ACTIVE;
    }

    public String registeredAt() {
        return registeredAt;
    }

    public String registeredTxId() {
        return registeredTxId;
    }

    /** When the key was revoked, or null while active. */
    public String revokedAt() {
        return revokedAt;
    }

    public String revokedTxId() {
        return revokedTxId;
    }
}
