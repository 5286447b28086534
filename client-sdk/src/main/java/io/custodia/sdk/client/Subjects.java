package io.custodia.sdk.client;

import java.util.List;

/**
 * The subject registry (institutions): pseudonyms for patient identifiers.
 *
 * <pre>{@code
 * List<String> refs = client.subjects().pseudonyms(List.of("MRN-0001", "MRN-0002"));
 * }</pre>
 */
public interface Subjects {
    /**
     * {@code POST /api/v1/subjects/pseudonyms}: the subjectRef of each patient, in the same order,
     * registering unknown patients (at most 10,000 per call).
     */
    List<String> pseudonyms(List<String> patientIds) throws CustodiaException;
}
