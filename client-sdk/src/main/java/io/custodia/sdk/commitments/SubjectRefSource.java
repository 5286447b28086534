package io.custodia.sdk.commitments;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Supplies a patient's subjectRef directly, when the subject registry answers with pseudonyms rather
 * than salts (the gateway's {@code POST /api/v1/subjects/pseudonyms}: the salts never leave it).
 *
 * <pre>{@code
 * List<String> refs = client.subjects().pseudonyms(mapping.patientIds());
 * SubjectRefSource source = SubjectRefSource.of(mapping.patientIds(), refs);
 * ItemCommitmentCalculator calc = ItemCommitmentCalculator.builder().subjectRefs(source).build();
 * }</pre>
 */
@FunctionalInterface
public interface SubjectRefSource {
    /**
     * The lower-case hex subjectRef of {@code patientId}.
     *
     * @throws SaltUnavailableException when none is known; the message must not name the patient
     */
    String subjectRef(String patientId) throws SaltUnavailableException;

    /** Pairs {@code patientIds} with {@code subjectRefs} by position (same order, same length). */
    static SubjectRefSource of(final java.util.List<String> patientIds, final java.util.List<String> subjectRefs) {
        Objects.requireNonNull(patientIds, "patientIds");
        Objects.requireNonNull(subjectRefs, "subjectRefs");
        if (patientIds.size() != subjectRefs.size()) {
            throw new IllegalArgumentException(patientIds.size() + " patients but " + subjectRefs.size() + " subjectRefs");
        }
        final Map<String, String> refs = new HashMap<>();
        for (int i = 0; i < patientIds.size(); i++) {
            refs.put(patientIds.get(i), subjectRefs.get(i));
        }
        return patientId -> {
            final String ref = refs.get(patientId);
            if (ref == null) {
                throw new SaltUnavailableException("the registry returned no subjectRef for this patient");
            }
            return ref;
        };
    }
}
