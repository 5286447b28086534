package io.custodia.sdk.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code POST /api/v1/delegations} (institutions): a proxy's authority over a patient. Both
 * identifiers are pseudonymised by the gateway's subject registry and never reach the ledger.
 *
 * <pre>{@code
 * client.delegations().register(new DelegationRequest(Optional.empty(), "MRN-0007", "GUARD-12", "GUARDIAN",
 *         new DelegationScope(true, true), Instant.now(), Optional.empty(), Optional.empty(), Optional.empty()));
 * }</pre>
 *
 * @param delegationId ID; derived from the idempotency key when empty
 * @param patientId the patient's identifier at the institution
 * @param proxyId the proxy's identifier
 * @param kind {@code GUARDIAN} or {@code LEGAL_REPRESENTATIVE}
 * @param scope what the proxy may do
 * @param validFrom start
 * @param validUntil end, open when empty
 * @param document base64 delegation document (stored off-chain; its hash on-chain)
 * @param documentHash SHA-256 hex of a document kept elsewhere
 */
public record DelegationRequest(Optional<String> delegationId, String patientId, String proxyId, String kind,
        DelegationScope scope, Instant validFrom, Optional<Instant> validUntil, Optional<String> document,
        Optional<String> documentHash) {
    public DelegationRequest {
        delegationId = delegationId == null ? Optional.empty() : delegationId;
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(proxyId, "proxyId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(validFrom, "validFrom");
        validUntil = validUntil == null ? Optional.empty() : validUntil;
        document = document == null ? Optional.empty() : document;
        documentHash = documentHash == null ? Optional.empty() : documentHash;
    }

    @Override
    public String toString() {
        return "DelegationRequest[" + delegationId.orElse("(derived)") + ", " + kind + "]";
    }
}
