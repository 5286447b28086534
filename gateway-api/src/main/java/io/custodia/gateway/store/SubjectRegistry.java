package io.custodia.gateway.store;

import java.util.Optional;

/**
 * The subject registry: {@code HMAC-SHA256(institutionPepper, patientId)} → random 32-byte
 * subject salt, from which {@code subjectRef = Pseudonyms.subjectRef(salt, patientId)}.
 *
 * <p>The patient identifier itself is never stored; only its keyed HMAC is, and the salt is
 * encrypted under the subject's data key.
 *
 * <pre>{@code
 * SubjectRegistration r = store.subjects().registerOrGet(pepper, patientId);
 * String subjectRef = r.subjectRef();   // the only value that goes on-chain
 * }</pre>
 */
public interface SubjectRegistry {
    /**
     * Returns the patient's registration, creating it with a fresh random salt if absent.
     * Idempotent and safe under concurrency: concurrent first registrations of one patient all
     * return the same salt and subject reference.
     */
    SubjectRegistration registerOrGet(byte[] institutionPepper, String patientId);

    /** The patient's registration, if one exists. */
    Optional<SubjectRegistration> find(byte[] institutionPepper, String patientId);

    /**
     * Deletes only the registry row of {@code subjectRef}, unlinking the pseudonym from the
     * patient. Full erasure (pointers, salts, documents, disclosures, data key) is {@link
     * ErasureStore#eraseSubject(String)}.
     *
     * @return whether a row was deleted
     */
    boolean erase(String subjectRef);
}
