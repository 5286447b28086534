package io.custodia.gateway.crash;

/**
 * A patient of the load: grants one consent, may revoke it (which erases them off-chain). Fields are
 * filled in as the gateway answers; a patient is touched by one write at a time.
 */
final class Patient {
    final String patientId;
    final String token;
    volatile String consentId;
    volatile String subjectRef;
    /** The erasure receipt the acknowledged revocation reported, or null if its answer was lost. */
    volatile String receiptId;
    /** Unsettled registrations listing this subject (guarded by the workload): no revocation meanwhile. */
    int listedBy;

    Patient(final String patientId, final String token) {
        this.patientId = patientId;
        this.token = token;
    }
}
