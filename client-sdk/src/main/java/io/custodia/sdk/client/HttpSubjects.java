package io.custodia.sdk.client;

import java.util.List;
import java.util.Map;

final class HttpSubjects implements Subjects {
    /** Request and answer bodies of the pseudonym endpoint. */
    record PseudonymRequest(List<String> patientIds) {}

    record PseudonymAnswer(List<String> subjectRefs) {}

    private final HttpTransport transport;

    HttpSubjects(final HttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public List<String> pseudonyms(final List<String> patientIds) throws CustodiaException {
        final List<String> ids = List.copyOf(patientIds);
        final PseudonymAnswer answer = transport.send("POST", "/api/v1/subjects/pseudonyms", Map.of(),
                new PseudonymRequest(ids), IdempotencyKey.none(), transport.type(PseudonymAnswer.class));
        if (answer.subjectRefs() == null || answer.subjectRefs().size() != ids.size()) {
            // Order is the only link between a patient and its pseudonym; a short answer must not be used.
            throw new CustodiaProtocolException(200, "the gateway returned " + (answer.subjectRefs() == null ? 0 : answer.subjectRefs().size())
                    + " pseudonyms for " + ids.size() + " patients", null);
        }
        return List.copyOf(answer.subjectRefs());
    }
}
