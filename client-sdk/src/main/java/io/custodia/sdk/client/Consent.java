package io.custodia.sdk.client;

import java.util.List;
import java.util.Optional;

/**
 * A consent as recorded on the ledger (pseudonymous subject).
 *
 * <pre>{@code
 * Consent c = record.consent();
 * System.out.println(c.consentId() + " " + c.purposes() + " to " + c.grantees());
 * }</pre>
 *
 * @param consentId ID
 * @param subjectRef patient pseudonym
 * @param grantor who granted
 * @param scope coverage
 * @param purposes DUO purposes
 * @param grantees institutions
 * @param validFrom start
 * @param validUntil end
 * @param documentHash SHA-256 of the consent document
 */
public record Consent(String consentId, String subjectRef, Actor grantor, ConsentScope scope, List<DuoTerm> purposes,
        List<String> grantees, String validFrom, Optional<String> validUntil, Optional<String> documentHash) {
    public Consent {
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
        grantees = grantees == null ? List.of() : List.copyOf(grantees);
        validUntil = validUntil == null ? Optional.empty() : validUntil;
        documentHash = documentHash == null ? Optional.empty() : documentHash;
    }
}
