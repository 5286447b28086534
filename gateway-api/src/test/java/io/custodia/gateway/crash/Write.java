package io.custodia.gateway.crash;

/**
 * One write request of the load, exactly as sent, so that a retry after a crash repeats it byte for
 * byte under the same Idempotency-Key.
 *
 * @param number sequence number in the run
 * @param kind what it does
 * @param method HTTP method
 * @param path request path
 * @param token bearer token of the caller
 * @param body JSON body, or null
 * @param key the Idempotency-Key
 * @param patient the patient concerned (grants and revocations), or null
 * @param datasetId the dataset concerned (registrations and access requests), or null
 * @param subjects the patients whose subjects a registration lists (not revoked while it is unsettled)
 */
record Write(long number, Kind kind, String method, String path, String token, String body, String key,
        Patient patient, String datasetId, java.util.List<Patient> subjects) {
    /** The four kinds of write in the mix. */
    enum Kind { REGISTER, GRANT, REVOKE, ACCESS }

    String describe() {
        return kind + " #" + number + " " + method + " " + path + " [Idempotency-Key " + key + "]";
    }
}
