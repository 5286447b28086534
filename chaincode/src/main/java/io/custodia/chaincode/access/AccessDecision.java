package io.custodia.chaincode.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.RawJson;
import java.util.List;
import java.util.Map;

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

    /**
     * The canonical JSON of {@code new AccessDecision(event, releasedSubjects)}, from the event as
     * {@link AccessTrail#record} stored it: the event is embedded, not encoded a second time.
     */
    static String encode(final byte[] storedEvent, final List<String> releasedSubjects) {
        return CanonicalJson.toString(Map.of("event", RawJson.of(storedEvent), "releasedSubjects", releasedSubjects));
    }

    public AccessEvent event() {
        return event;
    }

    /** Released subject references, sorted. */
    public List<String> releasedSubjects() {
        return releasedSubjects;
    }
}
