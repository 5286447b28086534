package io.custodia.sdk.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code POST /api/v1/consents} (patients; proxies add their {@code delegationId}).
 *
 * <pre>{@code
 * ConsentRecord c = client.consents().grant(ConsentRequest.of(ConsentScope.datasets(List.of("ds-001")),
 *         List.of(DuoTerm.of("HMB")), List.of("Org2MSP"), Instant.now(), formSha256));
 * }</pre>
 *
 * @param consentId ID; derived from the idempotency key when empty
 * @param scope what it covers
 * @param purposes DUO purposes allowed
 * @param grantees institutions allowed
 * @param validFrom start
 * @param validUntil end, open when empty
 * @param document base64 consent document (stored off-chain, its SHA-256 on-chain); this or {@code documentHash}
 * @param documentHash SHA-256 hex of a consent document kept elsewhere; this or {@code document}
 * @param delegationId the proxy's delegation (proxies only)
 */
public record ConsentRequest(Optional<String> consentId, ConsentScope scope, List<DuoTerm> purposes, List<String> grantees,
        Instant validFrom, Optional<Instant> validUntil, Optional<String> document, Optional<String> documentHash,
        Optional<String> delegationId) {
    public ConsentRequest {
        consentId = consentId == null ? Optional.empty() : consentId;
        Objects.requireNonNull(scope, "scope");
        purposes = List.copyOf(purposes);
        grantees = List.copyOf(grantees);
        Objects.requireNonNull(validFrom, "validFrom");
        validUntil = validUntil == null ? Optional.empty() : validUntil;
        document = document == null ? Optional.empty() : document;
        documentHash = documentHash == null ? Optional.empty() : documentHash;
        delegationId = delegationId == null ? Optional.empty() : delegationId;
    }

    /** A patient's own open-ended consent, referring to a consent document by its SHA-256 hex. */
    public static ConsentRequest of(final ConsentScope scope, final List<DuoTerm> purposes, final List<String> grantees,
            final Instant validFrom, final String documentHash) {
        return new ConsentRequest(Optional.empty(), scope, purposes, grantees, validFrom, Optional.empty(),
                Optional.empty(), Optional.of(documentHash), Optional.empty());
    }
}
