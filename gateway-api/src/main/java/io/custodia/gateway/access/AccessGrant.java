package io.custodia.gateway.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The response of {@code POST /api/v1/access-requests}: the recorded event as the chaincode wrote it,
 * the dataset's storage URI (PERMIT only, when this gateway holds it), the released subjects that
 * still have pointers, and how many released subjects had none (erased after the ledger decided).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessGrant(JsonNode event, String storageUri, List<ReleasedSubject> subjects, int subjectsWithoutPointers) {
    public AccessGrant {
        subjects = List.copyOf(subjects);
    }

    @Override
    public String toString() {
        return "AccessGrant[" + event.path("eventId").asText() + ", " + subjects.size() + " subjects]";
    }
}
