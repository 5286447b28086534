package io.custodia.chaincode.consent;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.chaincode.support.Fields;

/** A revocation request: who revokes (the subject, or a proxy under a delegation allowing revocation). */
public final class Revocation {
    private final Actor by;

    @JsonCreator
    public Revocation(final Actor by) {
        this.by = Fields.required("by", by);
    }

    public Actor by() {
        return by;
    }
}
