package io.custodia.sdk.client;

import java.util.List;

/**
 * What an erasure destroyed, as recorded on the ledger.
 *
 * <pre>{@code
 * Erasure e = client.audit().erasure("er-1").erasure();
 * }</pre>
 *
 * @param receiptId receipt ID
 * @param subjectRef erased subject's pseudonym
 * @param datasetIds datasets whose pointers were destroyed
 * @param destroyedPointerSetHash hash of the destroyed pointer set
 * @param consentIds consents whose revocation caused it
 */
public record Erasure(String receiptId, String subjectRef, List<String> datasetIds, String destroyedPointerSetHash,
        List<String> consentIds) {
    public Erasure {
        datasetIds = datasetIds == null ? List.of() : List.copyOf(datasetIds);
        consentIds = consentIds == null ? List.of() : List.copyOf(consentIds);
    }
}
