package io.custodia.sdk.client;

import java.util.Objects;
import java.util.Optional;

/**
 * A consent with its status.
 *
 * <pre>{@code
 * ConsentRecord r = client.consents().grant(request);
 * System.out.println(r.consent().consentId() + " " + r.status());
 * }</pre>
 *
 * @param consent the consent
 * @param status {@code ACTIVE} or {@code REVOKED}
 * @param recordedBy institution whose gateway recorded it
 * @param grantedAt ledger time
 * @param txId granting transaction
 * @param revocation present once revoked
 */
public record ConsentRecord(Consent consent, String status, String recordedBy, String grantedAt, String txId,
        Optional<RevocationRecord> revocation) {
    public ConsentRecord {
        Objects.requireNonNull(consent, "consent");
        revocation = revocation == null ? Optional.empty() : revocation;
    }
}
