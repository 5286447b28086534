package io.custodia.sdk.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Answer of {@code POST /api/v1/access-requests}: the recorded event, and for a PERMIT the storage URI and
 * the pointers of the released subjects only. A DENY is also a recorded decision, with no pointers.
 *
 * <pre>{@code
 * AccessResult r = client.access().request(AccessRequest.of("ds-001", DuoTerm.of("HMB")));
 * if (r.event().permitted()) r.subjects().forEach(s -> fetch(r.storageUri().orElseThrow(), s.pointers()));
 * }</pre>
 *
 * @param event the recorded decision
 * @param storageUri dataset location, on a PERMIT
 * @param subjects released subjects and their pointers
 * @param subjectsWithoutPointers released subjects whose pointers are gone (erased after the decision)
 */
public record AccessResult(AccessEvent event, Optional<String> storageUri, List<ReleasedSubject> subjects,
        int subjectsWithoutPointers) {
    public AccessResult {
        Objects.requireNonNull(event, "event");
        storageUri = storageUri == null ? Optional.empty() : storageUri;
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
    }
}
