package io.custodia.gateway.store;

/**
 * A registry entry: the subject's pseudonym and the random salt it was derived from, and whether
 * this call created it.
 */
public record SubjectRegistration(String subjectRef, byte[] subjectSalt, boolean created) {
    /** Defensively copies the salt. */
    public SubjectRegistration {
        Checks.subjectRef(subjectRef);
        subjectSalt = Checks.notNull(subjectSalt, "subjectSalt").clone();
    }

    /** A copy of the subject salt. */
    @Override
    public byte[] subjectSalt() {
        return subjectSalt.clone();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof SubjectRegistration r && r.subjectRef.equals(subjectRef)
                && java.util.Arrays.equals(r.subjectSalt, subjectSalt) && r.created == created;
    }

    @Override
    public int hashCode() {
        return subjectRef.hashCode();
    }

    @Override
    public String toString() {
        return "SubjectRegistration[" + subjectRef + ", created=" + created + "]";
    }
}
