package io.custodia.gateway.store;

import io.custodia.canonical.Hashes;

/**
 * A signed or scanned consent document kept off-chain; the ledger holds only its SHA-256.
 */
public record ConsentDocument(String consentId, String subjectRef, byte[] document) {
    /** Validates and defensively copies. */
    public ConsentDocument {
        Checks.nonBlank(consentId, "consentId");
        Checks.subjectRef(subjectRef);
        document = Checks.notNull(document, "document").clone();
    }

    /** A copy of the document bytes. */
    @Override
    public byte[] document() {
        return document.clone();
    }

    /** Lower-case hex SHA-256 of the document, as committed on the ledger. */
    public String sha256() {
        return Hashes.sha256Hex(document);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ConsentDocument d && d.consentId.equals(consentId) && d.subjectRef.equals(subjectRef)
                && java.util.Arrays.equals(d.document, document);
    }

    @Override
    public int hashCode() {
        return consentId.hashCode();
    }

    @Override
    public String toString() {
        return "ConsentDocument[" + consentId + ", " + subjectRef + ", " + document.length + " bytes]";
    }
}
