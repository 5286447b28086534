package io.custodia.chaincode.consent;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * The value under {@code ACTIVE_CONSENTS [subjectRef]}: copies of the subject's ACTIVE consents whose
 * validity had not ended when one of them last changed, in consent-ID order. It is what an access
 * decision reads for each subject, and it is never empty bytes (Fabric reads those as a delete): a
 * subject whose last consent was revoked keeps an empty list.
 */
public final class ActiveConsents {
    private final List<ConsentRecord> consents;

    @JsonCreator
    public ActiveConsents(final List<ConsentRecord> consents) {
        this.consents = List.copyOf(consents);
    }

    public List<ConsentRecord> consents() {
        return consents;
    }
}
