package io.custodia.gateway.store;

import java.util.List;
import java.util.Optional;

/** Consent documents by consent id, encrypted under the subject's data key. */
public interface ConsentDocuments {
    /**
     * Stores a consent document. Documents are immutable: storing the same bytes again is a no-op,
     * other bytes under an existing consent id are rejected.
     *
     * @return the document's SHA-256 (hex), as committed on-chain
     * @throws IllegalStateException if different content is already stored under the id
     */
    String put(ConsentDocument document);

    /** The document of {@code consentId}; its bytes are checked against the stored SHA-256. */
    Optional<ConsentDocument> find(String consentId);

    /**
     * Deletes the document of {@code consentId}: the compensation of a grant the ledger refused, so
     * a failed grant leaves no document behind.
     *
     * @return whether a document was deleted
     */
    boolean delete(String consentId);

    /** Ids of the subject's consent documents, sorted. */
    List<String> consentIdsOf(String subjectRef);
}
