package io.custodia.sdk.client;

import java.util.Optional;

/**
 * A registered custody signing key (answer of {@code POST /api/v1/custody-keys}).
 *
 * <pre>{@code
 * CustodyKey key = client.custody().registerKey(Files.readString(Path.of("cert.pem")));
 * String keyId = key.keyId(); // goes into every hop signed with it
 * }</pre>
 *
 * @param keyId SHA-256 hex fingerprint of the certificate
 * @param owner institution (MSP ID)
 * @param certificatePem the certificate
 * @param status {@code ACTIVE} or {@code REVOKED}
 * @param registeredAt ledger time
 * @param registeredTxId registering transaction
 * @param revokedAt ledger time of revocation
 */
public record CustodyKey(String keyId, String owner, String certificatePem, String status, String registeredAt,
        String registeredTxId, Optional<String> revokedAt) {
    public CustodyKey {
        revokedAt = revokedAt == null ? Optional.empty() : revokedAt;
    }
}
