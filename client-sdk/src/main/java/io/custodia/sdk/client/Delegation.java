package io.custodia.sdk.client;

import java.util.Optional;

/**
 * A delegation as recorded on the ledger (pseudonyms only).
 *
 * <pre>{@code
 * Delegation d = record.delegation();
 * }</pre>
 *
 * @param delegationId ID
 * @param subjectRef patient pseudonym
 * @param proxyRef proxy pseudonym
 * @param kind {@code GUARDIAN} or {@code LEGAL_REPRESENTATIVE}
 * @param scope powers
 * @param validFrom start
 * @param validUntil end
 * @param documentHash document hash
 */
public record Delegation(String delegationId, String subjectRef, String proxyRef, String kind, DelegationScope scope,
        String validFrom, Optional<String> validUntil, Optional<String> documentHash) {
    public Delegation {
        validUntil = validUntil == null ? Optional.empty() : validUntil;
        documentHash = documentHash == null ? Optional.empty() : documentHash;
    }
}
