package io.custodia.chaincode.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * The response of {@code RequestAccess} (never stored): the recorded event plus the sorted subject
 * references released, so the requester's gateway resolves pointers for those subjects only.
 */
public final class AccessDecision {
    private final AccessEvent event;
    private final List<String> releasedSubjects;

    @JsonCreator
    public AccessDecision(final AccessEvent event, final List<String> releasedSubjects) {
        this.event = event;
        this.releasedSubjects = List.copyOf(releasedSubjects);
    }

    public AccessEvent event() {
        return event;
    }

    /** Released subject references, sorted. */
    public List<String> releasedSubjects() {
        return releasedSubjects;
    }
}
