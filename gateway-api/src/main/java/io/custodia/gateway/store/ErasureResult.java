package io.custodia.gateway.store;

/**
 * What one erasure destroyed.
 *
 * @param subjectRef the erased subject's pseudonym
 * @param destroyedPointerSetHash lower-case hex SHA-256 of the canonical JSON of the destroyed
 *     pointer set, for the on-chain erasure receipt (see {@link ErasureStore#eraseSubject(String)})
 * @param itemRows per-dataset item pointer rows deleted
 * @param pointers item pointers inside those rows
 * @param registryRows subject registry rows deleted (0 or 1)
 * @param consentDocuments consent documents deleted
 * @param disclosures access events that had disclosed the subject (it is taken out of their released sets)
 * @param idempotencyRecords stored responses about the subject deleted
 * @param dataKeys subject data keys deleted (0 or 1): once gone, any copy of the subject's
 *     ciphertext left in a WAL segment or backup can no longer be decrypted
 */
public record ErasureResult(String subjectRef, String destroyedPointerSetHash, int itemRows, int pointers,
        int registryRows, int consentDocuments, int disclosures, int idempotencyRecords, int dataKeys) {

    /** Whether anything at all was deleted. */
    public boolean erasedAnything() {
        return itemRows + registryRows + consentDocuments + disclosures + idempotencyRecords + dataKeys > 0;
    }
}
