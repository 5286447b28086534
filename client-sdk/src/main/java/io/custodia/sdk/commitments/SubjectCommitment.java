package io.custodia.sdk.commitments;

import io.custodia.canonical.Hashes;
import io.custodia.canonical.Pseudonyms;

/**
 * One subject's published commitment: pseudonym, commitment and number of items. Safe to send.
 *
 * <pre>{@code
 * for (SubjectCommitment c : set.commitments()) send(c.subjectRef(), c.commitment(), c.itemCount());
 * }</pre>
 *
 * @param subjectRef lower-case hex {@code HMAC-SHA256(subjectSalt, patientId)}
 * @param commitment lower-case hex item commitment
 * @param itemCount number of the subject's files
 */
public record SubjectCommitment(String subjectRef, String commitment, int itemCount) {
    public SubjectCommitment {
        if (!Pseudonyms.isSubjectRef(subjectRef) || !Hashes.isSha256Hex(commitment) || itemCount < 1) {
            throw new IllegalArgumentException("subjectRef and commitment must be hex SHA-256 values, itemCount positive");
        }
    }
}
