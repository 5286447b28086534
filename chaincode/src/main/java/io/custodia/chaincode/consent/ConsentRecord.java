package io.custodia.chaincode.consent;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.chaincode.duo.DuoCompatibility;
import io.custodia.chaincode.duo.DuoTerm;
import java.time.Instant;

/** A consent as stored: the grant, its status, the institution that recorded it and, once revoked, the revocation. */
public final class ConsentRecord {
    private final Consent consent;
    private final ConsentStatus status;
    private final String recordedBy;
    private final String grantedAt;
    private final String txId;
    private final RevocationRecord revocation;

    @JsonCreator
    public ConsentRecord(
            final Consent consent,
            final ConsentStatus status,
            final String recordedBy,
            final String grantedAt,
            final String txId,
            final RevocationRecord revocation) {
        this.consent = consent;
        this.status = status;
        this.recordedBy = recordedBy;
        this.grantedAt = grantedAt;
        this.txId = txId;
        this.revocation = revocation;
    }

    public ConsentRecord revoked(final RevocationRecord r) {
        return new ConsentRecord(consent, ConsentStatus.REVOKED, recordedBy, grantedAt, txId, r);
    }

    /**
     * True when this consent releases the subject's data of dataset {@code datasetId} (owned by
     * {@code owner}) to {@code requester} for {@code purpose} at {@code time}: active, in its
     * validity period, granted to the requester, scope covering the dataset, and a consented purpose
     * covering the requested one ({@link DuoCompatibility}).
     */
    public boolean releases(final String datasetId, final String owner, final String requester,
            final DuoTerm purpose, final Instant time) {
        return status == ConsentStatus.ACTIVE
                && consent.validAt(time)
                && java.util.Collections.binarySearch(consent.grantees(), requester) >= 0
                && consent.scope().covers(datasetId, owner)
                && DuoCompatibility.anyCovers(consent.purposes(), purpose);
    }

    public String consentId() {
        return consent.consentId();
    }

    public Consent consent() {
        return consent;
    }

    public ConsentStatus status() {
        return status;
    }

    /** MSP ID of the institution whose gateway submitted the grant. */
    public String recordedBy() {
        return recordedBy;
    }

    public String grantedAt() {
        return grantedAt;
    }

    /** The granting transaction. */
    public String txId() {
        return txId;
    }

    /** The revocation, or {@code null} while active. */
    public RevocationRecord revocation() {
        return revocation;
    }
}
